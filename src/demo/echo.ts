/**
 * The careless server (`server.world.echoKey(true)`, option `echoKey`): it echoes the API key a request carried back
 * to the client, in the places a client might copy into a log line, an error message or a saved page:
 * - the `detail` of every JSON:API error (4xx and 5xx, the refused-key 403 included);
 * - the name or title of every `included` resource (a sponsor named `Aurora Cloud <key>`);
 * - every `links` entry, as a query parameter `echo=<key>`. `links.next` carries it too, so a client that follows
 *   it sends the key in the URL (and its path shows up in its logs and messages); the API accepts and ignores that
 *   parameter ({@link withoutEcho}).
 * Bodies that are not JSON (204, a cut body, Cloudflare's pages) are left as they are.
 */
import type { ApiResponse } from './router.ts';

export const ECHO_PARAM = 'echo';

/** The URL the API sees: without the `echo` parameter echoed links carry (the same URL when it has none). */
export function withoutEcho(url: URL): URL {
  if (!url.searchParams.has(ECHO_PARAM)) return url;
  const clean = new URL(url);
  clean.searchParams.delete(ECHO_PARAM);
  return clean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function withEchoParam(link: string, key: string): string {
  return `${link}${link.includes('?') ? '&' : '?'}${ECHO_PARAM}=${encodeURIComponent(key)}`;
}

/** The answer with `key` echoed in it (see above); `key` is the one the request carried. */
export function echoKeyIn(response: ApiResponse, key: string): ApiResponse {
  if (key === '' || response.body === undefined) return response;
  let doc: unknown;
  try {
    doc = JSON.parse(response.body);
  } catch {
    return response;
  }
  if (!isObject(doc)) return response;
  let changed = false;
  if (Array.isArray(doc.errors)) {
    for (const error of doc.errors.filter(isObject)) {
      const said = typeof error.detail === 'string' ? error.detail : typeof error.title === 'string' ? error.title : 'Error';
      error.detail = `${said} (API key ${key})`;
      changed = true;
    }
  }
  if (Array.isArray(doc.included)) {
    for (const resource of doc.included.filter(isObject)) {
      const attributes = isObject(resource.attributes) ? resource.attributes : (resource.attributes = {});
      const field = typeof attributes.title === 'string' && typeof attributes.name !== 'string' ? 'title' : 'name';
      attributes[field] = `${typeof attributes[field] === 'string' ? attributes[field] : 'Booth'} ${key}`;
      changed = true;
    }
  }
  if (isObject(doc.links)) {
    for (const [name, link] of Object.entries(doc.links)) {
      if (typeof link !== 'string') continue;
      doc.links[name] = withEchoParam(link, key);
      changed = true;
    }
  }
  return changed ? { ...response, body: JSON.stringify(doc) } : response;
}
