// A worker that cannot start, like one whose install is broken.
throw new Error('boom at load');
