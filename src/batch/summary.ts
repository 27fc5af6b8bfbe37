import type { ErrorCode } from '../errors.js';

/** Counts of one archive run, by outcome and by error code. */
export class Summary {
  archived = 0;
  failed = 0;
  /** Done in an earlier run (or earlier in this list), so not fetched again. */
  skipped = 0;
  /** Of the skipped: recorded as failed by an earlier run (--retry-failed retries them). */
  skippedFailed = 0;
  /** The run was stopped (Ctrl-C) before every input was started. */
  interrupted = false;
  /** Belong to another shard. */
  otherShards = 0;
  /** HTTP fetches of pages made by this run (robots.txt and images not counted). */
  fetches = 0;
  readonly byCode = new Map<ErrorCode, number>();
  private readonly started: number;

  constructor(private readonly clock: () => number = () => performance.now()) {
    this.started = clock();
  }

  fail(code: ErrorCode): void {
    this.failed++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
  }

  get elapsedMs(): number {
    return this.clock() - this.started;
  }

  toJSON() {
    return {
      archived: this.archived,
      failed: this.failed,
      skipped: this.skipped,
      skippedFailed: this.skippedFailed,
      interrupted: this.interrupted,
      otherShards: this.otherShards,
      fetches: this.fetches,
      byCode: Object.fromEntries([...this.byCode].sort(([a], [b]) => (a < b ? -1 : 1))),
      elapsedMs: Math.round(this.elapsedMs),
    };
  }

  /** The closing lines for people: what happened, and what failed how. */
  format(): string {
    const secs = this.elapsedMs / 1000;
    const done = this.archived + this.failed;
    const rate = secs > 0 ? done / secs : 0;
    let s = `${this.interrupted ? 'interrupted: ' : ''}archived ${this.archived}, failed ${this.failed}, skipped ${this.skipped}`;
    s += this.skippedFailed ? ` (done before: ${this.skipped - this.skippedFailed} archived, ${this.skippedFailed} failed)` : ' (done before)';
    if (this.otherShards) s += `, ${this.otherShards} in other shards`;
    s += `; ${done} processed in ${secs.toFixed(1)} s (${rate.toFixed(1)} pages/s)\n`;
    if (this.skippedFailed) s += `${this.skippedFailed} failed in an earlier run and were not retried: add --retry-failed to retry them\n`;
    if (this.byCode.size) {
      s += `failures by code: ${[...this.byCode]
        .sort(([, a], [, b]) => b - a)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}\n`;
    }
    return s;
  }
}
