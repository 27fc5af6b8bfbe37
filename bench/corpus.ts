/** Where the corpora and their pages are (../shared/corpus/README.md gives the layout). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** `root` if it is one corpus (holds truth.json), else its folders that are, sorted. */
export function corpusDirs(root: string): string[] {
  return existsSync(path.join(root, 'truth.json'))
    ? [root]
    : readdirSync(root)
        .sort()
        .map((d) => path.join(root, d))
        .filter((d) => statSync(d).isDirectory() && existsSync(path.join(d, 'truth.json')));
}

/** The saved page of `id` in a corpus folder, gzipped or not; null when it is missing. */
export function pageFile(dir: string, id: string): string | null {
  for (const f of [`html/${id}.html.gz`, `html/${id}.html`, `${id}.html`, `${id}.html.gz`]) {
    if (existsSync(path.join(dir, f))) return path.join(dir, f);
  }
  return null;
}
