/**
 * --block-private-addresses: for services that fetch URLs their users chose, so that a URL (or a
 * redirect, or a DNS answer) cannot make archivist read the service's own network: loopback,
 * private ranges, link-local (169.254.169.254 is the cloud metadata endpoint), carrier-grade NAT
 * (Alibaba's metadata is 100.100.100.200) and IPv6 unique-local (AWS's fd00:ec2::254).
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { ArchivistError } from '../errors.js';

/**
 * True only for ordinary public unicast addresses. ipaddr.js names every special range
 * (private, loopback, linkLocal, uniqueLocal, carrierGradeNat, multicast, reserved, 6to4, teredo…);
 * anything but 'unicast' is refused, including the IPv6 forms that embed an IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let addr = ipaddr.parse(address);
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel.
    if (v6.isIPv4MappedAddress()) addr = v6.toIPv4Address();
    // IPv4-compatible ::a.b.c.d (deprecated by RFC 4291, and ipaddr.js calls it plain unicast): ::7f00:1 is
    // 127.0.0.1 to stacks that still map it. Nothing public lives in ::/96, so all of it is refused.
    else if (v6.parts.slice(0, 6).every((p) => p === 0)) return false;
  }
  return addr.range() === 'unicast';
}

/** Which addresses may be connected to; tests substitute their own. */
export type AddressPolicy = (address: string) => boolean;

function blocked(host: string, address: string): ArchivistError {
  return new ArchivistError('E_BLOCKED', `${host} resolves to ${address}, a private or reserved address (--block-private-addresses)`);
}

/**
 * Checks a URL before it is requested: the first URL and every redirect target. An IP literal is
 * checked here because the socket never looks it up; a host name is checked at connect time by
 * the guarded agent's lookup, on the very addresses the socket then uses.
 */
export function checkUrlAddress(url: URL, allow: AddressPolicy = isPublicAddress): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !allow(host)) throw blocked(url.hostname, host);
}

/**
 * Resolves a URL's host and refuses it when any address is not allowed: the check for requests
 * whose socket goes to a proxy, where the connect-time lookup sees only the proxy's address, and
 * for a client that resolves names itself (the browser of --render). Every address, not some:
 * which of them that client then connects to is not ours to choose.
 */
export async function checkHostAddresses(url: URL, allow: AddressPolicy = isPublicAddress, resolve: ResolveAll = systemResolveAll): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return void checkUrlAddress(url, allow);
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch (cause) {
    throw new ArchivistError('E_NETWORK', `cannot resolve ${host}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  }
  const refused = addresses.find((a) => !allow(a));
  if (refused !== undefined || addresses.length === 0) throw blocked(host, refused ?? '(none)');
}

/** Every address a host name resolves to. Tests substitute their own, so no test asks a real DNS server. */
export type ResolveAll = (hostname: string) => Promise<string[]>;

export const systemResolveAll: ResolveAll = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((a) => a.address);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A dns.lookup that only ever answers with allowed addresses. The socket connects to what this
 * returns, so there is no gap between checking and connecting for a rebinding DNS server to use.
 */
export function guardedLookup(allow: AddressPolicy = isPublicAddress, resolve?: ResolveAll) {
  const lookupAll = (hostname: string, options: dns.LookupOptions, done: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void): void => {
    if (!resolve) {
      dns.lookup(hostname, { ...options, all: true }, done);
      return;
    }
    resolve(hostname).then(
      (list) =>
        done(
          null,
          list.map((address) => ({ address, family: net.isIP(address) })),
        ),
      (err: NodeJS.ErrnoException) => done(err, []),
    );
  };
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    lookupAll(hostname, options, (err, addresses) => {
      if (err) return callback(err, '');
      const ok = addresses.filter((a) => allow(a.address));
      if (ok.length === 0) return callback(blocked(hostname, addresses[0]?.address ?? '(none)') as NodeJS.ErrnoException, '');
      if (options.all) return callback(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  };
}

/** An undici Agent whose every connection goes through guardedLookup. */
export function guardedAgent(o: { connectTimeoutMs: number; headersTimeoutMs: number; bodyTimeoutMs: number }, allow: AddressPolicy = isPublicAddress): Agent {
  return new Agent({
    connect: { timeout: o.connectTimeoutMs, lookup: guardedLookup(allow) as never },
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
  });
}
