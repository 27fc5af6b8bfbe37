/**
 * --render: pages whose article a script builds, loaded in the system's headless Chromium through
 * playwright-core, and handed on as the DOM the scripts left. Only this file imports
 * playwright-core, and only a run with --render imports this file (a dynamic import), so the
 * static path never loads it.
 *
 * One browser process; each page in a context of its own pool slot (`concurrency` slots), a slot's
 * context replaced every `pagesPerContext` pages and after any failure. A browser that exits
 * (crash, OOM kill) fails the pages it had with E_RENDER; the next page starts a new one.
 *
 * Chromium is driven over a pipe (playwright's default), not a port: when archivist dies, even by
 * kill -9, the pipe closes and Chromium shuts itself down, so no browser outlives its run.
 */
import { chromium, errors, type Browser, type BrowserContext, type Page as Tab, type Response } from 'playwright-core';
import { ArchivistError, toArchivistError } from '../errors.js';
import { checkHostAddresses, isPublicAddress, type AddressPolicy } from '../load/guard.js';
import { withoutCredentials } from '../load/fetch.js';
import { isHtmlContentType } from '../load/sniff.js';
import type { Page, RenderedDocument } from '../types.js';
import { findChromium } from './locate.js';
import { RENDER_DEFAULTS, type RenderOptions } from './options.js';
import { startGuardProxy, type GuardProxy } from './proxy.js';

/** Quiet time that counts as settled: no request started or finished for this long. */
const QUIET_MS = 500;
/** A request open longer than this (a long poll, a stream) no longer keeps the page from settling. */
const LONG_REQUEST_MS = 5_000;
/** Screens scrolled at most, for lazy images; a page longer than this keeps the rest unloaded. */
const MAX_SCROLL_STEPS = 20;
/** After the time limit, how long a stuck browser call (a page spinning in a script) may take before its context is killed. */
const HARD_STOP_MS = 5_000;

/** Resource types never fetched: they cannot change the text of the DOM, and are the bulk of the bytes. */
const SKIPPED_TYPES = new Set(['media', 'font']);

interface Slot {
  context: BrowserContext;
  browser: Browser;
  uses: number;
  /** The page being rendered in this slot now: its guard verdicts and refusals. */
  current: PageState | null;
}

interface PageState {
  verdicts: Map<string, Promise<ArchivistError | null>>;
  /** A failure found outside the main flow (a response over the size limit): the render ends with it. */
  failure: ArchivistError | null;
  fail: (e: ArchivistError) => void;
}

export class Renderer {
  private browser: Promise<Browser> | null = null;
  private proxy: GuardProxy | null = null;
  private readonly idle: Slot[] = [];
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly o: Required<Pick<RenderOptions, 'timeoutMs' | 'concurrency' | 'pagesPerContext' | 'maxBytes'>> & RenderOptions;
  private readonly executablePath: string;
  private readonly allow: AddressPolicy | null;
  /** Browsers started so far (the first, and one after each crash). */
  launches = 0;
  /** The browser, as provenance records it: Chromium/<version>. */
  version = '';

  private constructor(o: RenderOptions) {
    const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as RenderOptions;
    this.o = { ...RENDER_DEFAULTS, ...given };
    this.executablePath = o.executablePath ?? findChromium();
    this.allow = o.blockPrivateAddresses ? (o.allowAddress ?? isPublicAddress) : null;
  }

  /** Finds and starts the browser: a missing or broken one fails here, before any page (E_RENDER). */
  static async open(o: RenderOptions = {}): Promise<Renderer> {
    const r = new Renderer(o);
    try {
      await r.currentBrowser();
    } catch (err) {
      await r.close();
      throw err;
    }
    return r;
  }

  /** Renders one URL; the Page's bytes are the DOM after its scripts ran, as UTF-8. */
  async render(given: URL): Promise<Page> {
    if (this.closed) throw new ArchivistError('E_RENDER', 'the browser is closed');
    const url = withoutCredentials(given);
    await this.turn();
    let slot: Slot | null = null;
    let reuse = false;
    try {
      slot = await this.slot();
      const page = await this.renderIn(slot, url, given.href);
      reuse = true;
      return page;
    } catch (err) {
      throw this.explain(err, url);
    } finally {
      if (slot) this.putBack(slot, reuse);
      this.active--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    this.idle.length = 0;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    await this.proxy?.close();
    this.proxy = null;
  }

  private async turn(): Promise<void> {
    while (this.active >= this.o.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
  }

  private currentBrowser(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching = this.launch();
    this.browser = launching;
    launching.then(
      (b) =>
        b.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        }),
      () => {
        if (this.browser === launching) this.browser = null;
      },
    );
    return launching;
  }

  private async launch(): Promise<Browser> {
    if (this.allow && !this.proxy) {
      this.proxy = await startGuardProxy({ allow: this.allow, resolve: this.o.resolve, onRefused: this.o.onRefused });
    }
    const args = [
      '--disable-dev-shm-usage',
      '--disable-gpu',
      // WebRTC may not bypass the proxy with UDP of its own.
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
      ...(this.proxy ? [`--proxy-server=${this.proxy.url}`, '--proxy-bypass-list=<-loopback>'] : []),
      ...(this.o.browserArgs ?? []),
    ];
    try {
      const browser = await chromium.launch({
        executablePath: this.executablePath,
        headless: true,
        args,
        // Chromium's sandbox needs an unprivileged user (it refuses to start as root); a root run is isolated by its container.
        chromiumSandbox: typeof process.getuid === 'function' && process.getuid() !== 0,
        timeout: 30_000,
        // archivist decides when the browser goes; its own signal handlers would exit the process under a batch's feet.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      this.launches++;
      this.version = `Chromium/${browser.version()}`;
      return browser;
    } catch (err) {
      throw new ArchivistError('E_RENDER', `cannot start ${this.executablePath}: ${firstLine(err)}`, { cause: err });
    }
  }

  /** An idle slot of the current browser, or a new one. */
  private async slot(): Promise<Slot> {
    const browser = await this.currentBrowser();
    while (this.idle.length) {
      const s = this.idle.pop()!;
      if (s.browser === browser && browser.isConnected()) return s;
      void s.context.close().catch(() => undefined);
    }
    const context = await browser.newContext({
      serviceWorkers: 'block',
      acceptDownloads: false,
      permissions: [],
      userAgent: this.o.userAgent,
      viewport: { width: 1280, height: 900 },
    });
    const slot: Slot = { context, browser, uses: 0, current: null };
    // Every request, the document's included, through the guard; fonts and media not at all.
    await context.route('**/*', async (route) => {
      const req = route.request();
      if (SKIPPED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient').catch(() => undefined);
      const refusal = await this.verdict(slot.current, req.url());
      if (refusal) {
        this.o.onRefused?.(req.url());
        return route.abort('blockedbyclient').catch(() => undefined);
      }
      return route.continue().catch(() => undefined);
    });
    // A page's WebSockets never connect: an article is in the DOM, and a socket would be a channel past the interception.
    await context.routeWebSocket(/.*/, (ws) => ws.close());
    return slot;
  }

  private putBack(slot: Slot, healthy: boolean): void {
    slot.current = null;
    slot.uses++;
    if (!this.closed && healthy && slot.uses < this.o.pagesPerContext && slot.browser.isConnected()) this.idle.push(slot);
    else void slot.context.close().catch(() => undefined);
  }

  /** The guard's answer for one URL, asked once per host and page. */
  private verdict(state: PageState | null, href: string): Promise<ArchivistError | null> {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return Promise.resolve(new ArchivistError('E_BLOCKED', `bad URL ${href}`));
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:') return Promise.resolve(null);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(new ArchivistError('E_BLOCKED', `${url.protocol} URL refused`));
    if (!this.allow) return Promise.resolve(null);
    const key = `${url.protocol}//${url.host}`;
    const cached = state?.verdicts.get(key);
    if (cached) return cached;
    const verdict = checkHostAddresses(url, this.allow, this.o.resolve).then(
      () => null,
      (err) => toArchivistError(err, 'E_BLOCKED'),
    );
    state?.verdicts.set(key, verdict);
    return verdict;
  }

  private async renderIn(slot: Slot, url: URL, input: string): Promise<Page> {
    const started = Date.now();
    const deadline = started + this.o.timeoutMs;
    // Time kept back at the end for scrolling and taking the DOM.
    const settleBy = deadline - Math.min(2_000, this.o.timeoutMs / 5);
    let failWith: (e: ArchivistError) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (failWith = reject));
    failed.catch(() => undefined);
    const state: PageState = { verdicts: new Map(), failure: null, fail: (e) => ((state.failure ??= e), failWith(e)) };
    slot.current = state;

    // The main document's first check is the page's own: a refused page fails as E_BLOCKED, as its static fetch would.
    const refusal = await this.verdict(state, url.href);
    if (refusal) {
      this.o.onRefused?.(url.href);
      throw refusal;
    }

    const tab = await slot.context.newPage();
    // A browser that exits (a crash, the OOM killer) ends the page at once, not at the time limit.
    const gone = () => state.fail(new ArchivistError('E_RENDER', `the browser exited while rendering ${url.href}`));
    slot.browser.once('disconnected', gone);
    const hardStop = setTimeout(() => {
      state.fail(new ArchivistError('E_TIMEOUT', `rendering ${url.href} took longer than ${this.o.timeoutMs} ms`));
      // A page spinning in a script answers nothing, not even close(); closing its context kills its renderer.
      void slot.context.close().catch(() => undefined);
    }, this.o.timeoutMs + HARD_STOP_MS);
    try {
      tab.on('dialog', (d) => void d.dismiss().catch(() => undefined));
      tab.on('popup', (p) => void p.close().catch(() => undefined));
      tab.on('crash', () => state.fail(new ArchivistError('E_RENDER', `the browser's page process crashed on ${url.href}`)));
      const traffic = watchTraffic(tab);
      let main: Response | null = null;
      tab.on('response', (r) => {
        if (r.request().isNavigationRequest() && r.frame() === tab.mainFrame()) main = r;
      });
      await this.limitSizes(tab, state);

      const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
      const first = await race(tab.goto(url.href, { waitUntil: 'domcontentloaded', timeout: Math.max(1, deadline - Date.now()) })).catch((err) => {
        if (err instanceof errors.TimeoutError) throw new ArchivistError('E_TIMEOUT', `${url.href} did not load within ${this.o.timeoutMs} ms`);
        throw err;
      });
      if (!first) throw new ArchivistError('E_RENDER', `no document for ${url.href}`);
      checkDocument(first, url);

      // Settle: the load event, then quiet on the network; a page that never settles is taken as it is at settleBy.
      await race(tab.waitForLoadState('load', { timeout: Math.max(1, settleBy - Date.now()) })).catch(ignoreTimeout);
      await race(traffic.settled(QUIET_MS, settleBy));
      // Lazy images load as they come into view: scroll through once, then let what that started finish.
      await race(scrollOnce(tab, Math.max(1, deadline - Date.now()))).catch(ignoreNavigation);
      await race(traffic.settled(QUIET_MS / 2, Math.min(deadline - 500, Date.now() + 1_500)));
      // A script may have navigated (location.replace): take the document it went to.
      await race(tab.waitForLoadState('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) })).catch(ignoreTimeout);
      const html = await race(this.domOf(tab, deadline));
      const last = (main as Response | null) ?? first;
      checkDocument(last, url);
      const finalUrl = new URL(tab.url());
      const document: RenderedDocument = {
        url: new URL(last.url()),
        status: last.status(),
        headers: await race(last.allHeaders()).catch(() => last.headers()),
        bytes: await race(last.body()).catch(() => new Uint8Array()),
      };
      if (state.failure) throw state.failure;
      return {
        input,
        bytes: Buffer.from(html, 'utf8'),
        url: finalUrl,
        requestedUrl: url,
        status: document.status,
        // The bytes are the browser's serialisation: UTF-8 HTML whatever the server sent; the server's other headers stay.
        headers: { ...lowerCase(document.headers), 'content-type': 'text/html; charset=utf-8' },
        fetchedAt: new Date(started).toISOString(),
        rendered: { browser: this.version, document },
      };
    } finally {
      clearTimeout(hardStop);
      slot.browser.off('disconnected', gone);
      await tab.close().catch(() => undefined);
    }
  }

  /** The DOM as HTML, with <noscript> removed: this page ran its scripts, so their fallback is not what a reader saw. */
  private async domOf(tab: Tab, deadline: number): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        await tab.evaluate(DROP_NOSCRIPT);
        return await tab.content();
      } catch (err) {
        // The document went away under us (a script navigated): wait for the next one and read that.
        if (attempt >= 3 || Date.now() >= deadline || !isNavigationError(err)) throw err;
        await tab.waitForLoadState('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) }).catch(ignoreTimeout);
      }
    }
  }

  /** A response larger than maxBytes fails the page with E_TOO_LARGE, as a static fetch would. */
  private async limitSizes(tab: Tab, state: PageState): Promise<void> {
    const cdp = await tab.context().newCDPSession(tab);
    // This session only counts: it keeps no bodies.
    await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
    const sizes = new Map<string, number>();
    cdp.on('Network.dataReceived', (e) => {
      const size = (sizes.get(e.requestId) ?? 0) + e.dataLength;
      sizes.set(e.requestId, size);
      if (size > this.o.maxBytes) state.fail(new ArchivistError('E_TOO_LARGE', `a response of the page exceeds ${this.o.maxBytes} bytes`));
    });
    cdp.on('Network.loadingFinished', (e) => sizes.delete(e.requestId));
    cdp.on('Network.loadingFailed', (e) => sizes.delete(e.requestId));
  }

  /** Playwright's errors as archivist's: a closed browser or page is E_RENDER, a time-out E_TIMEOUT. */
  private explain(err: unknown, url: URL): ArchivistError {
    if (err instanceof ArchivistError) return err;
    if (err instanceof errors.TimeoutError) return new ArchivistError('E_TIMEOUT', `rendering ${url.href} timed out`, { cause: err });
    const message = firstLine(err);
    const net = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
    if (net === 'ERR_BLOCKED_BY_CLIENT' || net === 'ERR_TUNNEL_CONNECTION_FAILED') {
      return new ArchivistError('E_BLOCKED', `${url.href}: the request was refused (${net})`, { cause: err });
    }
    if (net === 'ERR_NAME_NOT_RESOLVED') return new ArchivistError('E_NETWORK', `cannot resolve ${url.hostname}`, { cause: err });
    if (net === 'ERR_TIMED_OUT' || net === 'ERR_CONNECTION_TIMED_OUT') return new ArchivistError('E_TIMEOUT', `${url.href}: ${net}`, { cause: err });
    if (net && !/closed/i.test(message)) return new ArchivistError('E_NETWORK', `GET ${url.href} failed: ${net}`, { cause: err });
    if (/closed|crash|disconnected/i.test(message)) {
      return new ArchivistError('E_RENDER', `the browser stopped while rendering ${url.href}: ${message}`, { cause: err });
    }
    return new ArchivistError('E_RENDER', `rendering ${url.href} failed: ${message}`, { cause: err });
  }
}

/** The document's response must be what a static fetch would accept: not an error status, and HTML. */
function checkDocument(res: Response, url: URL): void {
  const status = res.status();
  if (status >= 400) throw new ArchivistError('E_HTTP_STATUS', `GET ${res.url() || url.href} → ${status}`, { status });
  const type = res.headers()['content-type'];
  if (type && !isHtmlContentType(type)) throw new ArchivistError('E_NOT_HTML', `content type ${type} is not HTML`);
}

/** Requests in flight, and when the last one started or ended. */
function watchTraffic(tab: Tab) {
  const open = new Map<object, number>();
  let lastChange = Date.now();
  const end = (r: object) => (open.delete(r), (lastChange = Date.now()));
  tab.on('request', (r) => (open.set(r, Date.now()), (lastChange = Date.now())));
  tab.on('requestfinished', end);
  tab.on('requestfailed', end);
  return {
    /** Resolves once nothing has started or ended for quietMs (long-open requests aside), or at `until`. */
    async settled(quietMs: number, until: number): Promise<void> {
      for (;;) {
        const now = Date.now();
        if (now >= until) return;
        const busy = [...open.values()].some((t) => now - t < LONG_REQUEST_MS);
        if (!busy && now - lastChange >= quietMs) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/*
 * Code run in the page is given as text: a function would be serialised from its compiled form,
 * which a transpiler (tsx, vitest) fills with helpers the page does not have.
 */
const SCROLL_SCRIPT = `(async () => {
  const step = Math.max(200, window.innerHeight);
  const pause = () => new Promise((r) => setTimeout(r, 60));
  for (let i = 1; i <= ${MAX_SCROLL_STEPS}; i++) {
    if (i * step >= document.documentElement.scrollHeight) break;
    window.scrollTo(0, i * step);
    await pause();
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
  await pause();
  window.scrollTo(0, 0);
})()`;

const DROP_NOSCRIPT = `for (const n of Array.from(document.querySelectorAll('noscript'))) n.remove()`;

async function scrollOnce(tab: Tab, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([tab.evaluate(SCROLL_SCRIPT), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]).finally(() => clearTimeout(timer));
}

function ignoreTimeout(err: unknown): void {
  if (err instanceof errors.TimeoutError) return;
  throw err;
}

function ignoreNavigation(err: unknown): void {
  if (isNavigationError(err)) return;
  throw err;
}

function isNavigationError(err: unknown): boolean {
  return /Execution context was destroyed|navigat|Target closed|frame was detached/i.test(firstLine(err));
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}

function lowerCase(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
