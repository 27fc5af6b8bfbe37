/**
 * A progress bar on a terminal's stderr, drawn from the start (0 of N) and redrawn on a timer so
 * the rate and ETA move while a slow page is in flight. Silent when stderr is not a TTY, so piped
 * and CI output holds only the failure lines. Hand-written: one line of text, no dependency.
 */

/** Redraws at most this often: more only costs terminal time. */
const REDRAW_MS = 200;
/** Bar width bounds, in cells; the counters take the rest of the line. */
const MIN_BAR = 10;
const MAX_BAR = 40;

export interface ProgressOutput {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private done_ = 0;
  private failed = 0;
  private lastDraw = 0;
  private readonly started: number;
  private readonly enabled: boolean;
  private readonly timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: ProgressOutput,
    /** null when unknown (a streamed WARC): the line then shows counts and rate without a bar. */
    private readonly total: number | null,
    private readonly clock: () => number = Date.now,
  ) {
    this.enabled = Boolean(out.isTTY) && (total === null || total > 1);
    this.started = clock();
    if (this.enabled) {
      this.draw();
      // The timer alone must not keep a finished process alive.
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  /** How many finished, and how many of them failed. */
  get counts(): { done: number; failed: number } {
    return { done: this.done_, failed: this.failed };
  }

  tick(ok: boolean): void {
    this.done_++;
    if (!ok) this.failed++;
    if (this.enabled && (this.clock() - this.lastDraw >= REDRAW_MS || this.done_ === this.total)) this.draw();
  }

  /** Prints a line above the bar (or plainly when there is none). */
  interrupt(line: string): void {
    if (!this.enabled) return void this.out.write(line);
    this.out.write(`\r\x1b[K${line}`);
    this.draw();
  }

  /** Ends the bar's line; later output starts on a fresh one. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled) {
      this.draw();
      this.out.write('\n');
    }
  }

  /** The line as drawn now, without the control codes; exported for tests. */
  line(): string {
    const now = this.clock();
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done_ / secs;
    const failed = this.failed ? `, ${this.failed} failed` : '';
    if (this.total === null) return `${this.done_} done${failed}, ${rate.toFixed(1)}/s`;
    const eta = rate > 0 ? `ETA ${formatSecs((this.total - this.done_) / rate)}` : 'ETA …';
    const counts = ` ${this.done_}/${this.total}${failed}, ${rate.toFixed(1)}/s, ${eta}`;
    const width = Math.max(MIN_BAR, Math.min(MAX_BAR, (this.out.columns || 80) - counts.length - 3));
    const filled = this.total > 0 ? Math.round((width * Math.min(this.done_, this.total)) / this.total) : width;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${counts}`;
  }

  private draw(): void {
    this.lastDraw = this.clock();
    this.out.write(`\r\x1b[K${this.line()}`);
  }
}

function formatSecs(s: number): string {
  const n = Math.round(s);
  return n < 60
    ? `${n}s`
    : n < 3600
      ? `${Math.floor(n / 60)}m${String(n % 60).padStart(2, '0')}s`
      : `${Math.floor(n / 3600)}h${String(Math.floor((n % 3600) / 60)).padStart(2, '0')}m`;
}
