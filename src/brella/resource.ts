/**
 * One resource of a list as Brella sent it, for the row inspector: the JSON:API resource itself and the
 * `included` resources its relationships point at. Looks through the raw pages of a list (src/brella/paging.ts),
 * which keep each page deflated: an index of which page holds which id is built once per list, so each lookup
 * opens one page. Pure: no Node-only or `vscode` import.
 */
import type { RawPage } from './paging';

export interface FoundResource {
  /** The resource as sent. */
  resource: unknown;
  /** The included resources its relationships name, in relationship order; those Brella did not include are left out. */
  related: unknown[];
  /** The name (name, title or display-name) of each to-one relationship's included resource, by relationship name ("trackable"). */
  names: Record<string, string>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function dataOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  return isObject(body) && Array.isArray(body.data) ? body.data : [];
}

function includedOf(body: unknown): unknown[] {
  return isObject(body) && Array.isArray(body.included) ? body.included : [];
}

const keyOf = (r: unknown): string | undefined => (isObject(r) && r.id !== undefined && r.id !== null ? `${String(r.type)}:${String(r.id)}` : undefined);

/** Every resource the relationships name, as "type:id" with the relationship's name (to-one and to-many). */
function linkages(resource: Json): Array<{ relationship: string; key: string; toOne: boolean }> {
  const out: Array<{ relationship: string; key: string; toOne: boolean }> = [];
  const relationships = isObject(resource.relationships) ? resource.relationships : {};
  for (const [relationship, rel] of Object.entries(relationships)) {
    const data = isObject(rel) ? rel.data : undefined;
    for (const link of Array.isArray(data) ? data : [data]) {
      const key = keyOf(link);
      if (key !== undefined) out.push({ relationship, key, toOne: !Array.isArray(data) });
    }
  }
  return out;
}

function nameOf(resource: unknown): string | undefined {
  const attrs = isObject(resource) && isObject(resource.attributes) ? resource.attributes : {};
  for (const key of ['name', 'title', 'display-name', 'display_name', 'displayName']) {
    const value = attrs[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Finds resources by id in one list's raw pages. Build one per list; the first lookup reads each page once to index it. */
export class ResourceFinder {
  private pageOfId: Map<string, number> | undefined;
  private pageOfIncluded = new Map<string, number>();
  private lastPage: { at: number; body: unknown } | undefined;

  constructor(private readonly pages: readonly RawPage[]) {}

  private index(): Map<string, number> {
    if (this.pageOfId) return this.pageOfId;
    const map = new Map<string, number>();
    this.pages.forEach((page, at) => {
      const body = page.body;
      for (const item of dataOf(body)) if (isObject(item) && item.id !== undefined && item.id !== null && !map.has(String(item.id))) map.set(String(item.id), at);
      for (const inc of includedOf(body)) {
        const key = keyOf(inc);
        if (key !== undefined) this.pageOfIncluded.set(key, at);
      }
    });
    this.pageOfId = map;
    return map;
  }

  /** A page's body, parsed once while it is the one looked at. */
  private body(at: number): unknown {
    if (this.lastPage?.at !== at) this.lastPage = { at, body: this.pages[at]!.body };
    return this.lastPage.body;
  }

  /** The resource with this id, with what it relates to from any page's `included`; undefined when no page holds it. */
  find(id: string): FoundResource | undefined {
    const at = this.index().get(id);
    if (at === undefined) return undefined;
    const resource = dataOf(this.body(at)).find((item) => isObject(item) && String(item.id) === id);
    if (!isObject(resource)) return undefined;
    const related: unknown[] = [];
    const names: Record<string, string> = {};
    const seen = new Map<string, unknown>();
    for (const { relationship, key, toOne } of linkages(resource)) {
      const page = this.pageOfIncluded.get(key);
      if (page === undefined) continue;
      // Included resources are looked up on the last page that carried them (a later copy replaces an earlier one).
      const inc = seen.get(key) ?? includedOf(this.body(page)).reduce<unknown>((found, r) => (keyOf(r) === key ? r : found), undefined);
      if (inc === undefined) continue;
      if (!seen.has(key)) related.push(inc);
      seen.set(key, inc);
      const name = nameOf(inc);
      if (toOne && name !== undefined) names[relationship] = name;
    }
    return { resource, related, names };
  }
}
