/**
 * One bench:quality worker: converts each page it is sent and scores it here, so only the small
 * PageResult crosses back to the main thread.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { convertPage } from '../src/pipeline.js';
import type { Article } from '../src/schema.js';
import { threadCpu } from './cpu.js';
import { scoreArticle, type CorpusKind, type PageResult, type Truth } from './quality-corpora.js';
import { halfOf } from './split.js';

export interface PageJob {
  kind: CorpusKind;
  id: string;
  file: string;
  truth: Truth;
}

const FIXED_NOW = () => new Date('2026-01-01T00:00:00Z');

/**
 * One throwaway conversion first: the first page in a thread pays for loading and compiling the
 * DOM, Readability and turndown code (about a second), which is no page's own cost.
 */
const WARM_UP_HTML =
  '<html><head><title>t</title></head><body><article><p>Warm-up paragraph, long enough to be a body. It says nothing at all.</p></article></body></html>';
convertPage({ input: 'warm-up', bytes: new TextEncoder().encode(WARM_UP_HTML), headers: {} }, FIXED_NOW);

export function runPage(job: PageJob): PageResult {
  let bytes: Uint8Array = readFileSync(job.file);
  if (job.file.endsWith('.gz')) bytes = gunzipSync(bytes);
  let article: Article | null = null;
  let error: string | null = null;
  const cpuStart = threadCpu();
  const started = performance.now();
  try {
    article = convertPage({ input: job.file, bytes, url: job.truth.url ? new URL(job.truth.url) : undefined, headers: {} }, FIXED_NOW);
  } catch (err) {
    error = (err as { code?: string }).code ?? (err as Error).message;
  }
  const ms = performance.now() - started;
  const cpuEnd = threadCpu();
  const scored = scoreArticle(job.kind, job.truth, article);
  return {
    id: job.id,
    half: halfOf(job.id),
    ms,
    cpuMs: cpuStart !== null && cpuEnd !== null ? cpuEnd - cpuStart : null,
    error,
    empty: !(article?.text ?? '').trim(),
    ...scored,
  };
}

parentPort?.on('message', (job: PageJob) => {
  parentPort!.postMessage(runPage(job));
});
