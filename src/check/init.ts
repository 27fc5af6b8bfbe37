/** `check --init`: a new case folder from a saved page, ready for --update to fill in its expectations. */
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ArchivistError } from '../errors.js';
import { safeStem, urlPathSlug } from '../output.js';
import { CASE_FILE, type CaseRef } from './case.js';

/** The default case name, `<host>--<path>`, following the fixtures' `<category>--<slug>` layout with the host as category. */
export function caseNameFor(url: URL): string {
  const host = safeStem(url.hostname);
  const rest = safeStem(urlPathSlug(url));
  return rest === 'page' && url.pathname === '/' ? `${host}--index` : `${host}--${rest}`;
}

/**
 * Creates `<root>/<name>/` with input.html (or input.html.gz, bytes as given) and case.json.
 * Refuses an existing folder: --init never overwrites a case.
 */
export async function initCase(root: string, page: string, url: URL, name?: string): Promise<CaseRef> {
  const caseName = name ? safeStem(name) : caseNameFor(url);
  const dir = path.join(root, caseName);
  try {
    const s = await stat(page);
    if (!s.isFile()) throw new Error('not a file');
  } catch (cause) {
    throw new ArchivistError('E_USAGE', `--init ${page}: cannot read: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  if (await exists(dir)) throw new ArchivistError('E_USAGE', `${dir} already exists; choose another name with --name`);
  await mkdir(dir, { recursive: true });
  await copyFile(page, path.join(dir, /\.gz$/i.test(page) ? 'input.html.gz' : 'input.html'));
  await writeFile(path.join(dir, CASE_FILE), `${JSON.stringify({ url: url.href }, null, 2)}\n`);
  return { name: caseName, dir };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
