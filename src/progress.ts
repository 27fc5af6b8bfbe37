/** Minimum gap between redraws: more often only costs terminal time. */
const REDRAW_MS = 100;

/**
 * A one-line progress display on a terminal's stderr; silent when stderr is not a TTY, so
 * piped and CI output holds only the failure lines.
 */
export class Progress {
  private done_ = 0;
  private failed = 0;
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly enabled: boolean;

  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    /** null when unknown (a streamed WARC): the bar then shows counts and rate without an ETA. */
    private readonly total: number | null,
  ) {
    this.enabled = Boolean(out.isTTY) && (total === null || total > 1);
  }

  tick(ok: boolean): void {
    this.done_++;
    if (!ok) this.failed++;
    const now = Date.now();
    if (this.enabled && (now - this.lastDraw > REDRAW_MS || this.done_ === this.total)) {
      this.lastDraw = now;
      const rate = this.done_ / Math.max(0.001, (now - this.started) / 1000);
      if (this.total === null) {
        this.out.write(`\r\x1b[K${this.done_} done, ${this.failed} failed, ${rate.toFixed(1)}/s`);
        return;
      }
      const eta = rate > 0 ? Math.round((this.total - this.done_) / rate) : 0;
      this.out.write(`\r\x1b[K${this.done_}/${this.total} done, ${this.failed} failed, ${rate.toFixed(1)}/s, ETA ${eta}s`);
    }
  }

  /** Prints a line above the progress display (or plainly when there is none). */
  interrupt(line: string): void {
    this.out.write(this.enabled ? `\r\x1b[K${line}` : line);
  }

  done(): void {
    if (this.enabled) this.out.write('\n');
  }
}
