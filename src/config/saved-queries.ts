/**
 * Saved queries: named slice filters kept per event in `brella.organizations[].events[].savedQueries`.
 * The setting holds no secret, so a team can share them in a workspace. Each entry is checked on its own:
 * a bad one is reported by its path (e.g. `brella.organizations[0].events[1].savedQueries[2].filters.start_from
 * "soon" is not a date; …`) and left out, the others are kept. Filters are kept as written (a date stays a date,
 * so the form shows it as typed) once the slice filter rules accept them.
 */
import * as z from 'zod/mini';
import { checkSliceFilters } from '../model/filters';

export type SavedQueryFilters = Record<string, string | string[]>;

export interface SavedQuery {
  name: string;
  filters: SavedQueryFilters;
}

export const SAVED_QUERY_NAME_MAX = 80;

const nameSchema = z.string({ error: 'must be text' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(SAVED_QUERY_NAME_MAX, `must be at most ${SAVED_QUERY_NAME_MAX} characters`),
  z.refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters'),
);

const filterValue = z.union(
  [z.string(), z.pipe(z.number(), z.transform(String)), z.array(z.string({ error: 'must be a list of text' }), { error: 'must be text or a list of text' })],
  { error: 'must be text or a list of text' },
);

const savedQueryShape = z.object(
  { name: nameSchema, filters: z.record(z.string(), filterValue, { error: 'must be an object of slice filters, e.g. { "tracking_type": "time_spent" }' }) },
  { error: 'must be an object like { "name": "Presence", "filters": { "tracking_type": "time_spent" } }' },
);

/** Checks one saved query; `path` names it in problems. */
export function checkSavedQuery(item: unknown, path: string): { query: SavedQuery } | { problems: string[] } {
  const parsed = savedQueryShape.safeParse(item);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => `${issue.path.length ? `${path}.${issue.path.join('.')}` : path} ${issue.message}`) };
  }
  const filters: SavedQueryFilters = {};
  for (const [key, value] of Object.entries(parsed.data.filters)) {
    const cleaned = Array.isArray(value) ? value.map((v) => v.trim()).filter(Boolean) : value.trim();
    if (cleaned.length > 0) filters[key] = cleaned;
  }
  const checked = checkSliceFilters(filters);
  if (!checked.ok) {
    return {
      problems: checked.issues.map((issue) => {
        const message = issue.message.startsWith(`${issue.field}: `) ? issue.message.slice(issue.field.length + 2) : issue.message;
        return `${path}.filters.${issue.field} ${message}`;
      }),
    };
  }
  return { query: { name: parsed.data.name, filters } };
}

/** Reads an event's `savedQueries`; invalid entries and repeated names are reported and left out. */
export function readSavedQueries(raw: unknown, path: string, problems: string[]): SavedQuery[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${path} must be a list of saved queries`);
    return [];
  }
  const out: SavedQuery[] = [];
  const names = new Set<string>();
  raw.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const result = checkSavedQuery(item, itemPath);
    if ('problems' in result) return void problems.push(...result.problems);
    const key = result.query.name.toLowerCase();
    if (names.has(key)) return void problems.push(`${itemPath}.name ${JSON.stringify(result.query.name)} is used twice in this event; the first one is used`);
    names.add(key);
    out.push(result.query);
  });
  return out;
}

type RawOrganizations = Array<Record<string, unknown>>;

function rawEvent(orgs: RawOrganizations, organizationId: number, eventId: number): Record<string, unknown> | undefined {
  const org = orgs.find((o) => o && typeof o === 'object' && o.id === organizationId);
  const events = org && Array.isArray(org.events) ? (org.events as unknown[]) : [];
  return events.find((e): e is Record<string, unknown> => !!e && typeof e === 'object' && (e as { id?: unknown }).id === eventId);
}

/**
 * Adds the query to the event in a raw `brella.organizations` value, replacing one of the same name (whatever its
 * case); entries it does not understand are kept as written. Throws when the event is not in this value.
 */
export function upsertSavedQuery(orgs: RawOrganizations, organizationId: number, eventId: number, query: SavedQuery): RawOrganizations {
  const event = rawEvent(orgs, organizationId, eventId);
  if (!event) throw new Error(`Event ${eventId} of organization ${organizationId} is not in these settings; add it to the tree first.`);
  const list = Array.isArray(event.savedQueries) ? (event.savedQueries as unknown[]) : [];
  const sameName = (q: unknown): boolean => !!q && typeof q === 'object' && typeof (q as { name?: unknown }).name === 'string'
    && (q as { name: string }).name.trim().toLowerCase() === query.name.toLowerCase();
  const index = list.findIndex(sameName);
  const entry = { name: query.name, filters: query.filters };
  event.savedQueries = index >= 0 ? list.map((q, i) => (i === index ? entry : q)) : [...list, entry];
  return orgs;
}

/** Removes the query of that name from the event, if there; the rest is kept as written. */
export function removeSavedQuery(orgs: RawOrganizations, organizationId: number, eventId: number, name: string): RawOrganizations {
  const event = rawEvent(orgs, organizationId, eventId);
  if (!event || !Array.isArray(event.savedQueries)) return orgs;
  event.savedQueries = (event.savedQueries as unknown[]).filter((q) => !(q && typeof q === 'object' && typeof (q as { name?: unknown }).name === 'string'
    && (q as { name: string }).name.trim().toLowerCase() === name.trim().toLowerCase()));
  return orgs;
}
