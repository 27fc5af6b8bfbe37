/** What --render is told. No browser code here: the static path reads this file without loading playwright-core. */
import { InvalidArgumentError, type Command } from 'commander';
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

/** The mode an option value names: none (a bare --render) means always. */
export function renderModeOf(value: string | boolean | undefined): RenderMode | undefined {
  if (value === undefined || value === false) return undefined;
  return value === 'auto' ? 'auto' : 'always';
}

/** The values --render takes. */
export const RENDER_MODES: readonly RenderMode[] = ['always', 'auto'];

/**
 * `--render URL` means "render this URL", but a flag with an optional value takes the word after
 * it: that word is given back to the inputs here, by spelling the flag `--render=always`.
 */
export function renderFlagBeforeInput(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    out.push(a === '--render' && next !== undefined && !next.startsWith('-') && !(RENDER_MODES as string[]).includes(next) ? '--render=always' : a);
  }
  return out;
}

/** What the render options give a command's action. */
export interface RenderCliOptions {
  /** true (a bare --render), 'always' or 'auto'. */
  render?: boolean | string;
  renderTimeout?: number;
  renderConcurrency?: number;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** Declares --render, --render-timeout and (for batches) --render-concurrency on a command. */
export function addRenderOptions(command: Command, o: { batch: boolean }): Command {
  command
    .option(
      '--render [mode]',
      'load URLs in headless Chromium and convert the DOM its scripts built: always (the default), or auto: only pages whose static HTML is a script shell',
      (value: string) => {
        if (!(RENDER_MODES as string[]).includes(value)) throw new InvalidArgumentError(`expected ${RENDER_MODES.join(' or ')}`);
        return value;
      },
    )
    .option('--render-timeout <ms>', 'with --render: time limit for rendering one page, in ms (default 30000)', positive);
  if (o.batch) command.option('--render-concurrency <n>', 'with --render: pages rendered at once, each in its own browser context (default 2)', positive);
  return command;
}
