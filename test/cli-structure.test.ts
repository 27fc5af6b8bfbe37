import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const COMMANDS = path.resolve('src/commands');

describe('the CLI layout', () => {
  it('has commands that never import cli.ts, so exit codes are picked in one place and there is no import cycle', async () => {
    const files = (await readdir(COMMANDS)).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = await readFile(path.join(COMMANDS, f), 'utf8');
      expect(text, f).not.toMatch(/from '\.\.\/cli\.js'/);
      expect(text, f).not.toMatch(/\bEXIT\b/);
    }
  });
});
