/**
 * The local Brella answers only requests addressed to itself on loopback. A web page can point a name it controls at
 * 127.0.0.1 (DNS rebinding) and then read the local server as "same origin"; the browser still sends that name in
 * the Host header, so a server that checks Host cannot be reached that way.
 */
import { timingSafeEqual } from 'node:crypto';

/** The Host values the server at `port` answers: `127.0.0.1:port`, `localhost:port`, `[::1]:port` (and without the port on 80). */
export function ownHosts(port: number): ReadonlySet<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const hosts = names.map((name) => `${name}:${port}`);
  if (port === 80) hosts.push(...names);
  return new Set(hosts);
}

/**
 * True when the request is for this server: the Host header is one of {@link ownHosts} (compared as written, case
 * aside, so `2130706433`, `127.1`, `localhost.` or `[::ffff:127.0.0.1]` do not pass), and a request target in
 * absolute form (`GET http://host/…`) names one of them too.
 */
export function isOwnRequest(hostHeader: string | undefined, requestTarget: string, port: number): boolean {
  const allowed = ownHosts(port);
  if (hostHeader === undefined || !allowed.has(hostHeader.toLowerCase())) return false;
  if (requestTarget.startsWith('/')) return true;
  try {
    const url = new URL(requestTarget);
    return url.protocol === 'http:' && url.username === '' && url.password === '' && allowed.has(url.host);
  } catch {
    return false;
  }
}

/** Constant-time comparison of a presented key with the expected one. */
export function sameKey(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
