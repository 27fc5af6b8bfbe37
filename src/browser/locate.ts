/**
 * Where the browser for --render is. archivist never downloads one: it drives the system's
 * Chromium (Debian's `chromium` package installs /usr/bin/chromium), or the one
 * ARCHIVIST_CHROMIUM names.
 */
import { accessSync, constants } from 'node:fs';
import { ArchivistError } from '../errors.js';

/** The environment variable naming a Chromium (or Chrome) executable; it wins over the usual places. */
export const CHROMIUM_ENV = 'ARCHIVIST_CHROMIUM';

/** Where distributions put Chromium, most common first. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/usr/bin/google-chrome'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser executable, or E_RENDER naming both ways to provide one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, executable: (file: string) => boolean = isExecutable): string {
  const named = env[CHROMIUM_ENV]?.trim();
  if (named) {
    if (executable(named)) return named;
    throw new ArchivistError('E_RENDER', `${CHROMIUM_ENV}=${named} is not an executable file`);
  }
  const found = CHROMIUM_PATHS.find(executable);
  if (found) return found;
  throw new ArchivistError(
    'E_RENDER',
    `--render needs Chromium: none at ${CHROMIUM_PATHS[0]} (Debian/Ubuntu: apt-get install chromium); or set ${CHROMIUM_ENV}=/path/to/chromium`,
  );
}
