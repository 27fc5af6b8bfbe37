/**
 * The browser as a run sees it: started on first use (an auto run whose pages are all static never
 * starts one), through a dynamic import, so the static path never loads playwright-core.
 */
import type { Page } from '../types.js';
import type { RenderOptions } from './options.js';
import type { Renderer } from './renderer.js';

export class RenderService {
  private renderer: Promise<Renderer> | null = null;
  /** Pages rendered so far. */
  rendered = 0;

  constructor(private readonly options: RenderOptions) {}

  /** Starts the browser now: a missing or broken one fails here (E_RENDER), before any page. */
  async ready(): Promise<void> {
    await this.open();
  }

  async render(url: URL): Promise<Page> {
    const page = await (await this.open()).render(url);
    this.rendered++;
    return page;
  }

  async close(): Promise<void> {
    const r = this.renderer;
    this.renderer = null;
    await r?.then(
      (x) => x.close(),
      () => undefined,
    );
  }

  private open(): Promise<Renderer> {
    // A failed start is kept: every later page fails with the same E_RENDER at once instead of retrying a missing browser.
    this.renderer ??= import('./renderer.js').then((m) => m.Renderer.open(this.options));
    return this.renderer;
  }
}
