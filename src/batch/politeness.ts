/** Idle hosts kept for their pending delay are swept once this many are known, so a list of a million hosts stays small. */
const SWEEP_AT = 10_000;

/**
 * Per-host politeness: at most `maxPerHost` requests to one host at once, and at least
 * `delayMs` between the starts of two requests to it. Keyed by hostname (not host:port),
 * since ports of one name are usually one server.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; nextStart: number; waiting: (() => void)[] }>();

  constructor(
    private readonly maxPerHost: number,
    private readonly delayMs: number,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Runs `fn` under this host's limits. `minDelayMs` (default 0) raises the delay for this
   * request, e.g. to the host's robots.txt Crawl-delay; the larger of it and `delayMs` applies.
   */
  async run<T>(hostname: string, fn: () => Promise<T>, minDelayMs = 0): Promise<T> {
    const h = this.slot(hostname);
    if (h.active >= this.maxPerHost) await new Promise<void>((r) => h.waiting.push(r));
    else h.active++;
    try {
      const delay = Math.max(this.delayMs, minDelayMs);
      if (delay > 0) {
        // Reserve the next start before waiting, so concurrent callers queue behind each other.
        const start = Math.max(this.clock(), h.nextStart);
        h.nextStart = start + delay;
        const wait = start - this.clock();
        if (wait > 0) await this.sleep(wait);
      }
      return await fn();
    } finally {
      const next = h.waiting.shift();
      // The slot passes straight to the next waiter; only an idle host is forgotten, so the map stays small.
      if (next) next();
      else {
        h.active--;
        if (h.active === 0 && h.nextStart <= this.clock()) this.hosts.delete(hostname);
      }
    }
  }

  private slot(hostname: string) {
    if (this.hosts.size > SWEEP_AT) this.sweep();
    let h = this.hosts.get(hostname);
    if (!h) {
      h = { active: 0, nextStart: 0, waiting: [] };
      this.hosts.set(hostname, h);
    }
    return h;
  }

  /** Forgets idle hosts whose delay has passed. */
  private sweep(): void {
    const now = this.clock();
    for (const [name, h] of this.hosts) if (h.active === 0 && h.nextStart <= now) this.hosts.delete(name);
  }
}

/** A counting semaphore: the batch's overall concurrency (pages in flight, hence pages in memory). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((r) => this.waiting.push(r));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** Resolves when every slot is free. */
  async drain(): Promise<void> {
    for (let i = 0; i < this.max; i++) await this.acquire();
    for (let i = 0; i < this.max; i++) this.release();
  }
}
