/** The rule for `brella.apiBaseUrl`: https anywhere, plain http only to this machine. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const DEFAULT_API_BASE_URL = 'https://api.brella.io/api/integration';

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

/** Returns the URL without a trailing slash, or throws a BaseUrlError saying what is accepted. */
export function checkBaseUrl(value: string | undefined): string {
  const text = (value ?? '').trim() || DEFAULT_API_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`brella.apiBaseUrl "${text}" is not a URL; use https://api.brella.io/api/integration or another https: URL.`);
  }
  if (url.username || url.password) throw new BaseUrlError('brella.apiBaseUrl must not contain a user name or password.');
  if (url.search || url.hash) throw new BaseUrlError(`brella.apiBaseUrl "${text}" must not have a query or fragment.`);
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.toString().replace(/\/+$/, '');
  if (url.protocol === 'http:') {
    throw new BaseUrlError(`brella.apiBaseUrl "${text}" uses http: to another machine; API keys are only sent over https: (http: is allowed to localhost and 127.0.0.1).`);
  }
  throw new BaseUrlError(`brella.apiBaseUrl "${text}" must be an https: URL.`);
}
