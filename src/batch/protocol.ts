/** Messages between the batch runner and its convert workers. Only structured-clone-safe data: URLs travel as strings. */
import type { ErrorCode } from '../errors.js';
import type { Article } from '../schema.js';
import type { SiteRule } from '../sites/index.js';

export interface PageMessage {
  input: string;
  bytes: Uint8Array;
  url?: string;
  requestedUrl?: string;
  status?: number;
  headers: Record<string, string>;
  fetchedAt?: string;
  /** The browser that rendered the bytes (--render); the main document's own response stays with the runner. */
  renderedBy?: string;
}

export interface JobRequest {
  id: number;
  page: PageMessage;
  /** archivedAt, fixed by the runner so a test's injected clock reaches the worker. */
  archivedAt: string;
}

export type JobResponse = { id: number; ok: true; article: Article; ms: number } | { id: number; ok: false; code: ErrorCode; message: string; ms: number };

/** What a worker posts first, where it can: the /proc file its CPU time is read from (see cpu-clock.ts). */
export interface CpuClockMessage {
  cpuClock: string;
}

/** What a worker posts once its modules are loaded. */
export const READY = 'ready';

/** Given to each worker when it starts. */
export interface WorkerSetup {
  /** User site rules (plain data), tried before the built-in ones. */
  rules: SiteRule[];
}
