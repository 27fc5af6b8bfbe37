/**
 * A check case: a folder with the saved page, what to do with it, and what should come out.
 * The project's own fixtures/ use exactly this layout.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ArticleSchema } from '../schema.js';
import { ArchivistError, ERROR_CODES } from '../errors.js';

export const CASE_FILE = 'case.json';
/** The saved page, plain or gzipped; the first one present is used. */
export const INPUT_FILES = ['input.html', 'input.html.gz'] as const;
export const EXPECTED_MD = 'expected.md';
export const EXPECTED_JSON = 'expected.json';
/** Partial expectations, for cases whose exact output should stay free to change. */
export const PARTIAL_FILE = 'expect.json';

const HttpUrl = z.string().refine((s) => {
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
}, 'expected an http(s) URL');

const CompareFormat = z.enum(['md', 'json']);
export type CompareFormat = z.infer<typeof CompareFormat>;

/**
 * case.json. Loose, so options added later (site rules, …) don't break older archivist versions;
 * the keys it knows are checked strictly.
 */
export const CaseSpecSchema = z.looseObject({
  /** The page's original address: used for relative links, site name, provenance, and by --live. */
  url: HttpUrl.optional(),
  /** Which expected files the case requires. Default: both, or only those present when expect.json exists. */
  format: z.union([CompareFormat, z.array(CompareFormat).nonempty()]).optional(),
  /** The case passes when conversion fails with exactly this code (no expected files then). */
  expectError: z.enum(ERROR_CODES).optional(),
  /** Free text for people: what the case is about. */
  description: z.string().optional(),
});
export type CaseSpec = z.infer<typeof CaseSpecSchema>;

/**
 * expect.json: each of `contains` must be in the Markdown body, none of `absent`; any other key names an
 * Article field (title, published, authors, source, …) that must hold the given value. Objects match
 * on the keys given, so `"site": {"name": "…"}` leaves site.url free.
 */
const PINNABLE_KEYS = Object.keys(ArticleSchema.shape).filter((k) => !['markdown', 'text', 'provenance'].includes(k));
// Values are checked by comparison, not by schema: a pinned object may give only some of its keys.
const PINNABLE = z.object(Object.fromEntries(PINNABLE_KEYS.map((k) => [k, z.unknown().optional()])));
export const PartialSchema = PINNABLE.extend({
  contains: z.array(z.string()).optional(),
  absent: z.array(z.string()).optional(),
}).strict();
export type PartialExpectation = z.infer<typeof PartialSchema>;

/** A malformed case: E_CASE, naming the file at fault (relative to the case folder). */
export class CaseFileError extends ArchivistError {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('E_CASE', message, options);
  }
}

export interface CaseRef {
  name: string;
  dir: string;
}

export interface LoadedCase extends CaseRef {
  spec: CaseSpec;
  /** Absolute or cwd-relative path of the saved page. */
  inputPath: string;
  /** The input's file name inside the case folder, e.g. 'input.html'. */
  inputFile: string;
  expectedMd: string | null;
  expectedJson: string | null;
  partial: PartialExpectation | null;
  /** The expected files this case requires. */
  formats: CompareFormat[];
}

/** A folder is a case when it holds case.json or a saved input. */
function looksLikeCase(names: Set<string>): boolean {
  return names.has(CASE_FILE) || INPUT_FILES.some((f) => names.has(f));
}

/**
 * Every case under root (root itself when it is one), sorted by name. Case folders are not
 * searched further, and dot-folders are skipped.
 */
export async function discoverCases(root: string): Promise<CaseRef[]> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(root);
  } catch (cause) {
    throw new ArchivistError('E_USAGE', `${root}: cannot read: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  }
  if (!s.isDirectory()) throw new ArchivistError('E_USAGE', `${root}: not a folder of cases`);
  const found: CaseRef[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    if (looksLikeCase(names)) {
      const rel = path.relative(root, dir).split(path.sep).join('/');
      found.push({ name: rel || path.basename(path.resolve(dir)), dir });
      return;
    }
    const subdirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    subdirs.sort();
    for (const d of subdirs) await visit(path.join(dir, d));
  };
  await visit(root);
  return found;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CaseFileError(path.basename(file), `cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`, { cause: err });
  }
}

/** Parses a JSON file of the case against a schema; the error names the file and the field. */
function parseJsonFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new CaseFileError(file, `not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new CaseFileError(file, `${issue?.message ?? 'invalid'}${where}`);
  }
  return parsed.data;
}

/** Reads a case folder. Throws E_CASE naming the file at fault. */
export async function loadCase(ref: CaseRef): Promise<LoadedCase> {
  const caseText = await readOptional(path.join(ref.dir, CASE_FILE));
  if (caseText === null) throw new CaseFileError(CASE_FILE, 'missing (it needs at least {"url": "https://…"})');
  const spec = parseJsonFile(CASE_FILE, caseText, CaseSpecSchema);

  let inputFile: string | null = null;
  for (const f of INPUT_FILES) {
    try {
      if ((await stat(path.join(ref.dir, f))).isFile()) {
        inputFile = f;
        break;
      }
    } catch {
      // not this one; try the next name
    }
  }
  if (!inputFile) throw new CaseFileError(INPUT_FILES.join(' or '), 'missing');

  const partialText = await readOptional(path.join(ref.dir, PARTIAL_FILE));
  const partial = partialText === null ? null : parseJsonFile(PARTIAL_FILE, partialText, PartialSchema);
  const expectedMd = await readOptional(path.join(ref.dir, EXPECTED_MD));
  const expectedJson = await readOptional(path.join(ref.dir, EXPECTED_JSON));

  let formats: CompareFormat[];
  if (spec.expectError) formats = [];
  else if (spec.format) formats = Array.isArray(spec.format) ? [...spec.format] : [spec.format];
  else if (partial) {
    formats = [];
    if (expectedMd !== null) formats.push('md');
    if (expectedJson !== null) formats.push('json');
  } else formats = ['md', 'json'];

  return { ...ref, spec, inputPath: path.join(ref.dir, inputFile), inputFile, expectedMd, expectedJson, partial, formats };
}
