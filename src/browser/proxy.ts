/**
 * With --block-private-addresses the browser reaches the network only through this proxy on
 * 127.0.0.1, which connects with the address guard's lookup (src/load/guard.ts): the check and the
 * connect use the same answer, so no DNS rebinding slips between them, and it holds for what the
 * request interception never sees — the hops of an HTTP redirect, WebSocket upgrades, requests of
 * workers. Plain HTTP is forwarded request by request; HTTPS arrives as CONNECT and is tunnelled
 * (the browser keeps its own TLS, certificate checks included).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ArchivistError } from '../errors.js';
import { checkUrlAddress, guardedLookup, isPublicAddress, type AddressPolicy, type ResolveAll } from '../load/guard.js';

export interface GuardProxyOptions {
  allow?: AddressPolicy;
  /** Name resolution; tests give their own so no test asks a real DNS server. */
  resolve?: ResolveAll;
  /** Longest silence on a connection before it is closed. Default 20 s (fetch's body timeout). */
  idleTimeoutMs?: number;
  /** Told of every host the proxy refused. */
  onRefused?: (host: string) => void;
}

export interface GuardProxy {
  /** For Chromium's --proxy-server. */
  readonly url: string;
  close(): Promise<void>;
}

/** Hop-by-hop headers, not forwarded (RFC 9110 §7.6.1), plus the proxy's own. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export async function startGuardProxy(o: GuardProxyOptions = {}): Promise<GuardProxy> {
  const allow = o.allow ?? isPublicAddress;
  const lookup = guardedLookup(allow, o.resolve) as unknown as net.LookupFunction;
  const idle = o.idleTimeoutMs ?? 20_000;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    // A kept-alive upstream socket serves many requests: its listeners are added once.
    if (sockets.has(s)) return;
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.setTimeout(idle, () => s.destroy());
  };

  /** Null when the target may be connected to; the refusal otherwise. IP literals never reach the lookup, so they are checked here. */
  const refusal = (host: string, port: number): ArchivistError | null => {
    if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) return new ArchivistError('E_BLOCKED', `bad proxy target ${host}:${port}`);
    try {
      checkUrlAddress(new URL(`http://${net.isIPv6(host) ? `[${host}]` : host}:${port}/`), allow);
      return null;
    } catch (err) {
      return err as ArchivistError;
    }
  };
  const refused = (host: string) => o.onRefused?.(host);

  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
      if (target.protocol !== 'http:') throw new Error();
    } catch {
      res.writeHead(400).end();
      return;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(target.port || 80);
    if (refusal(host, port)) {
      refused(host);
      res.writeHead(403).end();
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = v;
    const upstream = http.request({ host, port, path: `${target.pathname}${target.search}`, method: req.method, headers, lookup }, (up) => {
      const out: string[] = [];
      for (let i = 0; i < up.rawHeaders.length; i += 2) if (!HOP.has(up.rawHeaders[i]!.toLowerCase())) out.push(up.rawHeaders[i]!, up.rawHeaders[i + 1]!);
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
    });
    upstream.on('socket', track);
    upstream.on('error', (err) => {
      if (err instanceof ArchivistError && err.code === 'E_BLOCKED') refused(host);
      if (!res.headersSent) res.writeHead(err instanceof ArchivistError ? 403 : 502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    track(client);
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    const host = m?.[1] ?? '';
    const port = Number(m?.[2]);
    if (refusal(host, port)) {
      refused(host);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host, port, lookup });
    track(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (err) => {
      if (err instanceof ArchivistError && err.code === 'E_BLOCKED') refused(host);
      if (client.writable && !upstream.readableFlowing) client.end(`HTTP/1.1 ${err instanceof ArchivistError ? '403 Forbidden' : '502 Bad Gateway'}\r\n\r\n`);
      else client.destroy();
    });
    client.on('error', () => upstream.destroy());
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('connection', track);

  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
