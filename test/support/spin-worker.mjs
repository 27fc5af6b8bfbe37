// A stand-in convert worker for pool tests: spins forever on input 'spin', answers at once otherwise.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage('ready');
parentPort.on('message', (job) => {
  if (job.page.input === 'spin') for (;;);
  parentPort.postMessage({ id: job.id, ok: true, article: { title: job.page.input }, ms: 0 });
});
