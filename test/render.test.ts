/**
 * --render against a real Chromium and the SPA site on loopback (test/support/spa-site.ts). One
 * browser for the file. Every test name is mapped to loopback twice over: the guard's resolver
 * (the tests' own) and Chromium's --host-resolver-rules, so nothing leaves 127.0.0.0/8 even if
 * the guard were broken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Renderer } from '../src/browser/renderer.js';
import { findChromium, CHROMIUM_ENV } from '../src/browser/locate.js';
import { renderFlagBeforeInput } from '../src/browser/options.js';
import { renderReason } from '../src/browser/shell.js';
import { ArchivistError } from '../src/errors.js';
import { fetchPage } from '../src/load/fetch.js';
import { convertPage } from '../src/pipeline.js';
import { render } from '../src/render/index.js';
import type { Article } from '../src/schema.js';
import type { Page } from '../src/types.js';
import { INTRANET, startSpaSite, type SpaSite } from './support/spa-site.js';
import { browsers, waitGone } from './support/procs.js';

const now = () => new Date('2026-11-25T00:00:00Z');
let site: SpaSite;
let renderer: Renderer;
const refused: string[] = [];

beforeAll(async () => {
  site = await startSpaSite();
  renderer = await Renderer.open({
    browserArgs: site.browserArgs,
    blockPrivateAddresses: true,
    allowAddress: site.allow,
    resolve: site.resolve,
    onRefused: (what) => refused.push(what),
    timeoutMs: 8_000,
    maxBytes: 200_000,
  });
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await site?.close();
});

/** The Markdown of a page, with its own path written as /PAGE so pages at different paths compare. */
const markdown = (a: Article, path: string) => render(a, 'md').replaceAll(`${site.origin}${path}`, `${site.origin}/PAGE`);

async function staticPage(path: string): Promise<Page> {
  // Fetched at 127.0.0.1, known by its news.test address, as the browser sees it.
  const page = await fetchPage(new URL(`${site.loopback}${path}`), { retries: 0 });
  return { ...page, url: new URL(`${site.origin}${path}`) };
}

function convertStatic(page: Page): Article | ArchivistError {
  try {
    return convertPage(page, now);
  } catch (err) {
    return err as ArchivistError;
  }
}

describe('--render: pages a script builds', () => {
  let twin: string;
  beforeAll(async () => {
    twin = markdown(convertPage(await staticPage('/static'), now), '/static');
    expect(twin).toContain('The night ferry that keeps an island town awake');
    expect(twin).toContain('/img/island-pier.gif');
  });

  it.each([
    ['/spa', 'a SPA shell with its state inline'],
    ['/xhr', 'a shell that fetches its article by XHR'],
  ])('%s (%s) renders to its static twin’s Markdown, and statically has no article', async (path) => {
    const page = await renderer.render(new URL(`${site.origin}${path}`));
    const article = convertPage(page, now);
    expect(markdown(article, path)).toBe(twin);
    expect(article.provenance.rendered).toBe(true);
    expect(article.provenance.browser).toBe(renderer.version);
    expect(renderer.version).toMatch(/^Chromium\/\d+\./);

    const shell = await staticPage(path);
    const outcome = convertStatic(shell);
    expect(outcome).toBeInstanceOf(ArchivistError);
    expect((outcome as ArchivistError).code).toBe('E_NO_CONTENT');
    // --render auto would render it.
    expect(renderReason(Buffer.from(shell.bytes).toString('latin1'), { error: outcome as ArchivistError })).not.toBeNull();
  });

  it('a page that redirects by script is taken where it went', async () => {
    const page = await renderer.render(new URL(`${site.origin}/redirect`));
    expect(page.url?.href).toBe(`${site.origin}/spa`);
    expect(page.requestedUrl?.href).toBe(`${site.origin}/redirect`);
    expect(markdown(convertPage(page, now), '/spa')).toBe(twin);
    // Statically it is a one-word page that says where it goes: auto renders it.
    const shell = await staticPage('/redirect');
    const outcome = convertStatic(shell);
    const o = outcome instanceof ArchivistError ? { error: outcome } : { article: outcome };
    expect(renderReason(Buffer.from(shell.bytes).toString('latin1'), o)).toMatch(/navigates/);
  });

  it('the lazy images further down are there: the page was scrolled', async () => {
    const article = convertPage(await renderer.render(new URL(`${site.origin}/spa`)), now);
    expect(article.images.map((i) => i.url)).toEqual([`${site.origin}/img/ferry-deck.gif`, `${site.origin}/img/island-pier.gif`]);
  });

  it('a page that never settles is taken as it is when the settle time runs out', async () => {
    const page = await renderer.render(new URL(`${site.origin}/forever`));
    expect(markdown(convertPage(page, now), '/forever')).toBe(twin);
    expect(site.hits.get('/api/poll') ?? 0).toBeGreaterThan(5);
  });

  it('dialogs and popups never hold it up', async () => {
    const page = await renderer.render(new URL(`${site.origin}/dialogs`));
    expect(markdown(convertPage(page, now), '/dialogs')).toBe(twin);
  });

  it('a response over the size limit fails the page with E_TOO_LARGE', async () => {
    await expect(renderer.render(new URL(`${site.origin}/big`))).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
  });

  it('a 404 fails as it does statically', async () => {
    await expect(renderer.render(new URL(`${site.origin}/nothing-here`))).rejects.toMatchObject({ code: 'E_HTTP_STATUS', status: 404 });
  });
});

describe('--render auto: which static pages are shells', () => {
  it('the static article page is not rendered', async () => {
    const page = await staticPage('/static');
    expect(renderReason(Buffer.from(page.bytes).toString('latin1'), { article: convertPage(page, now) })).toBeNull();
  });

  it('a page with a teaser in its HTML and the article in a state blob is', () => {
    const blob = `<script>window.__INITIAL_STATE__ = ${JSON.stringify({ body: 'word '.repeat(2000) })}</script>`;
    const html = `<html><body><div id="app"></div>${blob}</body></html>`;
    const teaser = { wordCount: 40, text: 'word '.repeat(40) } as Article;
    expect(renderReason(html, { article: teaser })).toMatch(/short body/);
    expect(renderReason(html, { article: { wordCount: 300, text: 'word '.repeat(300) } as Article })).toMatch(/far more text/);
    expect(renderReason(html, { error: new ArchivistError('E_HTTP_STATUS', '404') })).toBeNull();
  });
});

describe('--render with --block-private-addresses', () => {
  it('refuses every request of the page to a host the guard counts as private; that host sees none', async () => {
    refused.length = 0;
    site.intranetHits.length = 0;
    const page = await renderer.render(new URL(`${site.origin}/guarded`));
    // The article still converts: only the intranet's requests failed.
    expect(convertPage(page, now).title).toBe('The night ferry that keeps an island town awake');
    const intranet = `http://${INTRANET}:${site.intranetPort}`;
    // The interception refused the image and the fetch; the 302 hop, which interception never sees, was refused by the proxy.
    expect(refused).toEqual(expect.arrayContaining([`${intranet}/pixel.gif`, `${intranet}/api/secret`, INTRANET]));
    expect(site.intranetHits).toEqual([]);
    expect(site.hits.get('/to-intranet')).toBeGreaterThan(0);
  });

  it('a page on such a host fails with E_BLOCKED before any request', async () => {
    site.intranetHits.length = 0;
    await expect(renderer.render(new URL(`http://${INTRANET}:${site.intranetPort}/`))).rejects.toMatchObject({ code: 'E_BLOCKED' });
    expect(site.intranetHits).toEqual([]);
  });
});

describe('the browser', () => {
  it('crashing fails its page with E_RENDER, and the next page gets a new browser', async () => {
    const launches = renderer.launches;
    const pending = renderer.render(new URL(`${site.origin}/forever`));
    // Once the page is polling, kill the browser: this process's child.
    const polls = site.hits.get('/api/poll') ?? 0;
    while ((site.hits.get('/api/poll') ?? 0) < polls + 3) await new Promise((r) => setTimeout(r, 50));
    const [main] = browsers(process.pid).filter((p) => p.ppid === process.pid);
    expect(main).toBeDefined();
    process.kill(main!.pid, 'SIGKILL');
    await expect(pending).rejects.toMatchObject({ code: 'E_RENDER' });
    const page = await renderer.render(new URL(`${site.origin}/spa`));
    expect(convertPage(page, now).title).toBe('The night ferry that keeps an island town awake');
    expect(renderer.launches).toBe(launches + 1);
    expect(await waitGone([main!.pid], 5_000)).toEqual([]);
  });

  it('none found: E_RENDER naming Debian’s package and ARCHIVIST_CHROMIUM', () => {
    const none = () => false;
    expect(() => findChromium({}, none)).toThrow(/apt-get install chromium.*ARCHIVIST_CHROMIUM/);
    expect(() => findChromium({ [CHROMIUM_ENV]: '/nowhere/chromium' }, none)).toThrow(/ARCHIVIST_CHROMIUM=\/nowhere\/chromium is not an executable/);
    expect(findChromium({ [CHROMIUM_ENV]: '/opt/chrome' }, (f) => f === '/opt/chrome')).toBe('/opt/chrome');
    expect(findChromium({}, (f) => f === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
  });

  it('`--render URL` renders the URL rather than taking it as the mode', () => {
    expect(renderFlagBeforeInput(['convert', '--render', 'https://a.example/'])).toEqual(['convert', '--render=always', 'https://a.example/']);
    expect(renderFlagBeforeInput(['convert', '--render', 'auto', 'https://a.example/'])).toEqual(['convert', '--render', 'auto', 'https://a.example/']);
    expect(renderFlagBeforeInput(['convert', 'https://a.example/', '--render'])).toEqual(['convert', 'https://a.example/', '--render']);
    expect(renderFlagBeforeInput(['convert', '--', '--render', 'x'])).toEqual(['convert', '--', '--render', 'x']);
  });
});
