/**
 * The rule for `brella.apiBaseUrl`: https anywhere, plain http only to this machine (localhost, 127.x.x.x,
 * [::1]; see src/brella/loopback.ts for why nothing else counts), never a user name or password in the URL.
 */
import { isLoopbackHost } from '../brella/loopback';

export const DEFAULT_API_BASE_URL = 'https://api.brella.io/api/integration';

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

/** "scheme://…@": user info before the host, even an empty one that URL would drop silently. */
const USER_INFO = /^\s*[a-z][a-z0-9+.-]*:[/\\]*[^/\\?#]*@/i;

/** Returns the URL without a trailing slash, or throws a BaseUrlError saying what is accepted. */
export function checkBaseUrl(value: string | undefined): string {
  const text = (value ?? '').trim() || DEFAULT_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`brella.apiBaseUrl "${text}" is not a URL; use https://api.brella.io/api/integration or another https: URL.`);
  }
  // The text is not repeated here: it may hold a password.
  if (url.username || url.password || USER_INFO.test(text)) throw new BaseUrlError('brella.apiBaseUrl must not contain a user name or password (nothing before an "@" in the host part).');
  if (url.search || url.hash || text.includes('#')) throw new BaseUrlError(`brella.apiBaseUrl "${text}" must not have a query or fragment.`);
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.toString().replace(/\/+$/, '');
  if (url.protocol === 'http:') {
    const only = 'API keys are only sent over https: (http: is allowed to localhost, 127.0.0.1 and [::1] only)';
    if (/^\[::ffff:/i.test(url.hostname)) {
      throw new BaseUrlError(`brella.apiBaseUrl "${text}" uses http: to ${url.hostname}, an IPv4 address written as IPv6, which is not taken as this machine; ${only}. For this machine write http://127.0.0.1.`);
    }
    throw new BaseUrlError(`brella.apiBaseUrl "${text}" uses http: to another machine; ${only}.`);
  }
  throw new BaseUrlError(`brella.apiBaseUrl "${text}" must be an https: URL.`);
}
