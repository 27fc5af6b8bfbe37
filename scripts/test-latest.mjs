/**
 * `npm run test:latest`: the parse stage's equivalence tests and Readability's canary, run against
 * the newest releases of the libraries whose behaviour they pin (jsdom, domino, Readability,
 * turndown), in a scratch copy of the project, so an upgrade's breakage is known before a user
 * meets it. Needs the npm registry; not part of `npm test`. The project's own node_modules and
 * lock file are left as they are.
 *
 * Exit code: the tests' (0 when the newest releases pass). docs/architecture.md says what to do
 * when they do not.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LATEST = ['jsdom', '@mixmark-io/domino', '@mozilla/readability', 'turndown'];
/** The tests that fail when a library's behaviour the project relies on changes. */
const TESTS = ['test/parse-working-copy.test.ts', 'test/parse-reading.test.ts', 'test/readability.test.ts', 'test/memory.test.ts', 'test/table-rows.test.ts'];
const COPIED = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', 'src', 'test', 'bench', 'fixtures', 'scripts', 'bin'];

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'archivist-latest-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => execFileSync(cmd, args, { cwd: scratch, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });

let code = 0;
try {
  for (const entry of COPIED) cpSync(path.join(root, entry), path.join(scratch, entry), { recursive: true });
  process.stderr.write(`test:latest: scratch copy in ${scratch}\n`);
  run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts']);
  run(npm, ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...LATEST.map((name) => `${name}@latest`)]);
  for (const name of LATEST) {
    const { version } = JSON.parse(readFileSync(path.join(scratch, 'node_modules', name, 'package.json'), 'utf8'));
    const pinned = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    process.stderr.write(`  ${name}: ${pinned} here, ${version} latest\n`);
  }
  run(npm, ['exec', '--', 'vitest', 'run', ...TESTS]);
} catch (err) {
  code = typeof err?.status === 'number' ? err.status : 1;
  process.stderr.write(`test:latest: failed (${err?.message ?? err}); see docs/architecture.md, "Upgrading a dependency"\n`);
} finally {
  if (code === 0) rmSync(scratch, { recursive: true, force: true });
  else process.stderr.write(`test:latest: scratch copy kept in ${scratch}\n`);
}
process.exitCode = code;
