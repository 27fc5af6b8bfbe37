/** A tiny news site on 127.0.0.1 for batch tests: good articles and every kind of failure a batch meets. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

const PARA = 'Archivists keep whole lists of articles, and a batch run must not lose one of them along the way. ';
export const article = (title: string, date = '2026-03-04') =>
  `<!doctype html><html lang="en"><head><title>${title} | Test Gazette</title>` +
  `<meta property="article:published_time" content="${date}T08:00:00Z"></head><body>` +
  `<nav><a href="/">Home</a></nav><article><h1>${title}</h1><p>${PARA.repeat(4)}</p><p>${PARA.repeat(3)}</p></article>` +
  `<footer>Copyright Test Gazette</footer></body></html>`;

// "测试文章" in GBK; the charset is only in the Content-Type header.
const GBK_TITLE = Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xce, 0xc4, 0xd5, 0xc2]);
const gbkPage = () =>
  Buffer.concat([
    Buffer.from('<html><head><title>'),
    GBK_TITLE,
    Buffer.from('</title></head><body><article><h1>'),
    GBK_TITLE,
    Buffer.from(`</h1><p>`),
    Buffer.concat(Array.from({ length: 30 }, () => GBK_TITLE)),
    Buffer.from('</p></article></body></html>'),
  ]);

export interface Site {
  origin: string;
  server: Server;
  /** Requests per path so far. */
  hits: Map<string, number>;
  /** Slows every /slow-N article down, for a run to be killed midway. */
  latencyMs: number;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const hits = new Map<string, number>();
  const site = { hits, latencyMs: 0 } as Site;
  const routes: Record<string, (q: IncomingMessage, r: ServerResponse) => void> = {
    '/404': (_q, r) => r.writeHead(404, { 'content-type': 'text/html' }).end('gone'),
    '/flaky': (_q, r) => {
      if (hits.get('/flaky') === 1) r.writeHead(500, { 'content-type': 'text/html' }).end('oops');
      else r.writeHead(200, { 'content-type': 'text/html' }).end(article('Flaky but fine'));
    },
    '/loop': (_q, r) => r.writeHead(302, { location: '/loop2' }).end(),
    '/loop2': (_q, r) => r.writeHead(302, { location: '/loop' }).end(),
    '/slow': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      r.write('<html><body>');
      const timer = setInterval(() => r.write('x'), 50);
      r.on('close', () => clearInterval(timer));
    },
    '/pdf': (_q, r) => r.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not a page'),
    '/big': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><p>${'x'.repeat(300 * 1024)}</p></body></html>`),
    '/gzip': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(article('Compressed story'))),
    '/gbk': (_q, r) => r.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(gbkPage()),
    '/empty': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav>menu</nav></body></html>'),
    '/robots.txt': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
    '/img.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
    '/fake.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end('<html>not found</html>'),
    '/img.svg': (_q, r) => r.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>'),
  };
  site.server = createServer((q, r) => {
    const p = new URL(q.url ?? '/', 'http://x').pathname;
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const route = routes[p];
    if (route) return route(q, r);
    const m = /^\/(good|slow|private|pic)\/([\w-]+)$/.exec(p);
    if (m) {
      const send = () => {
        let html = article(`Story ${m[2]}`);
        if (m[1] === 'pic')
          html = html.replace(
            '</h1>',
            '</h1><figure><img src="/img.png" alt="a pic"></figure><img src="/img.svg" alt="vector"><img src="/fake.png" alt="fake">',
          );
        r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      };
      return m[1] === 'slow' && site.latencyMs ? void setTimeout(send, site.latencyMs) : send();
    }
    r.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  site.close = () =>
    new Promise<void>((resolve) => {
      site.server.closeAllConnections();
      site.server.close(() => resolve());
    });
  return site;
}
