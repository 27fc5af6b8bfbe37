import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { VERSION } from '../src/version.js';
import { article } from './support/site.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

/** The page server records the headers of each request; the proxy (absolute-form GET and CONNECT) what it relayed. */
let site: Server;
let proxy: Server;
let origin = '';
let proxyUrl = '';
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
const relayed: string[] = [];
/** Tunnels are kept alive between requests: each test starts without one, so a relayed request shows as a new CONNECT. */
const tunnels = new Set<{ destroy(): void }>();

beforeAll(async () => {
  site = createServer((q, r) => {
    seen.push({ path: q.url ?? '', headers: q.headers });
    r.writeHead(200, { 'content-type': 'text/html' }).end(article('Through the wire'));
  });
  proxy = createServer((q, r) => {
    relayed.push(`GET ${q.url}`);
    const u = new URL(q.url ?? '');
    const up = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: q.method, headers: q.headers }, (ur) => {
      r.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(r);
    });
    up.on('error', () => r.destroy());
    q.pipe(up);
  });
  proxy.on('connect', (q, socket, head) => {
    relayed.push(`CONNECT ${q.url}`);
    const [host, port] = (q.url ?? '').split(':');
    tunnels.add(socket);
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  for (const s of [site, proxy]) await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of [site, proxy]) {
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }
});
beforeEach(() => {
  for (const t of tunnels) t.destroy();
  tunnels.clear();
  proxy.closeAllConnections();
  site.closeAllConnections();
  seen.length = 0;
  relayed.length = 0;
});

describe('request headers', () => {
  it('sends --user-agent and every --header given', async () => {
    const io = fakeIO();
    const code = await main(
      ['convert', `${origin}/a`, '--user-agent', 'research-bot/2 (ops@example.org)', '-H', 'Cookie: session=abc; consent=1', '--header', 'X-Trace: 7'],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(seen[0]!.headers['user-agent']).toBe('research-bot/2 (ops@example.org)');
    expect(seen[0]!.headers.cookie).toBe('session=abc; consent=1');
    expect(seen[0]!.headers['x-trace']).toBe('7');
  });

  it('says archivist/<version> by default, with no address that does not exist', async () => {
    expect(await main(['convert', `${origin}/b`], fakeIO())).toBe(0);
    expect(seen[0]!.headers['user-agent']).toBe(`archivist/${VERSION}`);
  });

  it("refuses a header that is not 'Name: value' as a usage error", async () => {
    const io = fakeIO();
    expect(await main(['convert', `${origin}/c`, '-H', 'no colon here'], io)).toBe(2);
    expect(io.err()).toMatch(/expected 'Name: value'/);
    expect(seen).toHaveLength(0);
  });
});

describe('HTTP_PROXY, HTTPS_PROXY and NO_PROXY', () => {
  it('fetches through the proxy HTTP_PROXY names', async () => {
    const io = { ...fakeIO(), env: { HTTP_PROXY: proxyUrl } };
    expect(await main(['convert', `${origin}/via-proxy`, '-p', 'title'], io)).toBe(0);
    expect(io.out()).toBe('Through the wire\n');
    expect(relayed.join('\n')).toContain(origin.replace('http://', ''));
    expect(seen.map((s) => s.path)).toEqual(['/via-proxy']);
  });

  it('goes direct to a host NO_PROXY names', async () => {
    const io = { ...fakeIO(), env: { HTTP_PROXY: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' } };
    expect(await main(['convert', `${origin}/direct`, '-p', 'title'], io)).toBe(0);
    expect(relayed).toEqual([]);
    expect(seen.map((s) => s.path)).toEqual(['/direct']);
  });

  it('archives a list through the proxy too', async () => {
    const dir = await tempDir('proxy-archive');
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${origin}/listed\n`);
    const io = { ...fakeIO(), env: { http_proxy: proxyUrl } };
    expect(await main(['archive', list, '--out-dir', path.join(dir, 'out'), '--workers', '1'], io)).toBe(0);
    expect(relayed.length).toBeGreaterThan(0);
    expect(seen.map((s) => s.path)).toEqual(['/listed']);
  }, 90_000);

  it('with --block-private-addresses, refuses a name that resolves to a private address before the proxy is asked', async () => {
    const port = (site.address() as AddressInfo).port;
    const io = { ...fakeIO(), env: { HTTP_PROXY: proxyUrl } };
    expect(await main(['convert', `http://localhost:${port}/secret`, '--block-private-addresses'], io)).toBe(1);
    expect(io.err()).toMatch(/localhost resolves to .*private or reserved.*\[E_BLOCKED\]/);
    expect(relayed).toEqual([]);
    expect(seen).toEqual([]);
  });
});
