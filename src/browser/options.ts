/** What --render is told. No browser code here: the static path reads this file without loading playwright-core. */
import type { AddressPolicy, ResolveAll } from '../load/guard.js';

/** `always`: every URL is rendered; `auto`: fetched statically, rendered only when the page turns out to be a script's shell. */
export type RenderMode = 'always' | 'auto';

export interface RenderOptions {
  /** The whole render of one page: navigation, settling, scrolling, taking the DOM. Default 30 s. */
  timeoutMs?: number;
  /** Pages rendered at once, each in its own browser context. Default 2. */
  concurrency?: number;
  /** Pages a context renders before it is closed and a fresh one made, so memory stays flat. Default 20. */
  pagesPerContext?: number;
  /** Largest response accepted, as for a static fetch (a larger one fails the page with E_TOO_LARGE). Default 32 MiB. */
  maxBytes?: number;
  /** Every request of the browser goes through the address guard (interception, and a guarded proxy for what interception misses). */
  blockPrivateAddresses?: boolean;
  /** With blockPrivateAddresses: which addresses may be connected to. Tests substitute their own. */
  allowAddress?: AddressPolicy;
  /** Name resolution for the guard. Tests substitute their own, so no test asks a real DNS server. */
  resolve?: ResolveAll;
  /** The browser executable; default: findChromium(). */
  executablePath?: string;
  /** Extra Chromium switches (tests: --host-resolver-rules). */
  browserArgs?: string[];
  userAgent?: string;
  now?: () => Date;
  /** Told of every request the guard refused (the URL, or the host when the proxy refused it). */
  onRefused?: (what: string) => void;
}

export const RENDER_DEFAULTS = {
  timeoutMs: 30_000,
  concurrency: 2,
  pagesPerContext: 20,
  maxBytes: 32 * 1024 * 1024,
};

/** Parses the value of --render: none means always. */
export function parseRenderMode(value: string | boolean | undefined): RenderMode | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value === 'always') return 'always';
  if (value === 'auto') return 'auto';
  return undefined;
}
