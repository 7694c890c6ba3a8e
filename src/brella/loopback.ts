/**
 * The hosts that are this machine by definition, as `URL.hostname` spells them: `localhost`, 127.0.0.0/8 and
 * `[::1]`. Nothing else counts: not `localhost.example.com`, not `foo.localhost`, not an IPv4-mapped IPv6
 * address (`[::ffff:127.0.0.1]`, which URL rewrites to `[::ffff:7f00:1]`). One short list keeps both rules
 * that depend on it easy to check: plain http is allowed only to these hosts, and requests to them never go
 * through a proxy.
 */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** Whether the URL's host is loopback; false for anything that is not a URL. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
