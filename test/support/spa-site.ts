/**
 * A news site on 127.0.0.1 whose articles a script builds (test/render-site/), for --render tests,
 * and a second server on 127.0.0.2 standing for a host on the service's own network: it counts
 * every request it gets, so a test can show that none reached it.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'render-site');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

/** A 1×1 GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The name the tests' guard counts as private; it resolves to the counting server's 127.0.0.2. */
export const INTRANET = 'intranet.test';
/** The name the article site is reached by. */
export const NEWS = 'news.test';

export interface SpaSite {
  /** http://news.test:PORT (reached through the tests' resolver, or Chromium's --host-resolver-rules). */
  origin: string;
  /** http://127.0.0.1:PORT, for runs without name mapping. */
  loopback: string;
  port: number;
  intranetPort: number;
  /** Requests per path on the article site. */
  hits: Map<string, number>;
  /** Every request the intranet server received. */
  intranetHits: string[];
  /** The article's static twin, as served at /static. */
  staticHtml: string;
  /** Chromium switches that map every test name to loopback, should anything bypass the guard. */
  browserArgs: string[];
  /** The tests' DNS: news.test → 127.0.0.1, intranet.test → 127.0.0.2, anything else unknown. */
  resolve: (host: string) => Promise<string[]>;
  /** The tests' guard policy: only 127.0.0.1 counts as public, so intranet.test's 127.0.0.2 is refused. */
  allow: (address: string) => boolean;
  close(): Promise<void>;
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

export async function startSpaSite(): Promise<SpaSite> {
  const hits = new Map<string, number>();
  const intranetHits: string[] = [];
  const articleJson = read('article.json');
  const staticHtml = read('static.html');
  const shell = read('shell.html');
  const state = `<script id="__STATE__" type="application/json">${articleJson}</script>`;
  let intranetOrigin = '';
  const page = (s: string, extra = '') => shell.replace('{{STATE}}', s).replace('{{EXTRA}}', extra);

  const html = (r: ServerResponse, body: string) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const routes: Record<string, (q: IncomingMessage, r: ServerResponse) => void> = {
    '/static': (_q, r) => html(r, staticHtml),
    '/spa': (_q, r) => html(r, page(state)),
    '/xhr': (_q, r) => html(r, page('')),
    '/redirect': (_q, r) => html(r, read('redirect.html')),
    // Polls forever: the network never settles.
    '/forever': (_q, r) => html(r, page(state, `<script>setInterval(function () { fetch('/api/poll?' + Date.now()); }, 100);</script>`)),
    // Asks the intranet host for an image, by XHR, and by a redirect: each must be refused.
    '/guarded': (_q, r) =>
      html(
        r,
        page(
          state,
          `<img src="${intranetOrigin}/pixel.gif" alt="">` +
            `<script>fetch('${intranetOrigin}/api/secret').catch(function () {});</script>` +
            `<img src="/to-intranet" alt="">`,
        ),
      ),
    // Its own dialogs and a popup: none may hold the render up.
    '/dialogs': (_q, r) => html(r, page(state, `<script>alert('Subscribe!'); confirm('Allow cookies?'); window.open('/static', '_blank');</script>`)),
    // A script larger than the tests' size limit.
    '/big': (_q, r) => html(r, page(state, '<script src="/huge.js"></script>')),
    '/huge.js': (_q, r) => r.writeHead(200, { 'content-type': 'text/javascript' }).end(`/*${' '.repeat(300_000)}*/`),
    '/to-intranet': (_q, r) => r.writeHead(302, { location: `${intranetOrigin}/redirected.gif` }).end(),
    '/api/article.json': (_q, r) => setTimeout(() => r.writeHead(200, { 'content-type': 'application/json' }).end(articleJson), 150),
    '/api/poll': (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    '/app.js': (_q, r) => r.writeHead(200, { 'content-type': 'text/javascript' }).end(read('app.js')),
  };
  const server = createServer((q, r) => {
    const p = (q.url ?? '/').split('?')[0]!;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const route = routes[p];
    if (route) return route(q, r);
    if (p.startsWith('/img/')) return r.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
    if (/^\/page\/\d+$/.test(p)) return html(r, page(state));
    r.writeHead(404, { 'content-type': 'text/html' }).end('not here');
  });
  const intranet = createServer((q, r) => {
    intranetHits.push(q.url ?? '');
    r.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
  });
  const port = await listen(server, '127.0.0.1');
  const intranetPort = await listen(intranet, '127.0.0.2');
  intranetOrigin = `http://${INTRANET}:${intranetPort}`;
  const table: Record<string, string> = { [NEWS]: '127.0.0.1', [INTRANET]: '127.0.0.2' };
  return {
    origin: `http://${NEWS}:${port}`,
    loopback: `http://127.0.0.1:${port}`,
    port,
    intranetPort,
    hits,
    intranetHits,
    staticHtml,
    browserArgs: [`--host-resolver-rules=MAP ${INTRANET} 127.0.0.2, MAP * 127.0.0.1`],
    resolve: async (host) => {
      const a = table[host];
      if (!a) throw Object.assign(new Error(`test DNS: ${host} unknown`), { code: 'ENOTFOUND' });
      return [a];
    },
    allow: (address) => address === '127.0.0.1',
    close: async () => {
      await Promise.all([server, intranet].map((s) => new Promise<void>((res) => (s.closeAllConnections(), s.close(() => res())))));
    },
  };
}
