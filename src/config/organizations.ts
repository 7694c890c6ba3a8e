/**
 * The `brella.organizations` setting: its shape, and a lenient reader that keeps every valid entry and names
 * each invalid one by its path (e.g. `brella.organizations[0].events[1].id must be a positive integer`).
 * No `vscode` import: the adapter in settings.ts feeds it what VS Code read.
 */
import * as z from 'zod/mini';
import { readSavedQueries, type SavedQuery } from './saved-queries';

export type SettingsScope = 'user' | 'workspace' | 'demo';

export interface ConfiguredAttendee { id: number; name?: string }
export interface ConfiguredEvent { id: number; name?: string; start?: string; end?: string; attendees: ConfiguredAttendee[]; savedQueries?: SavedQuery[] }
export interface ConfiguredOrganization { id: number; name?: string; events: ConfiguredEvent[]; scope: SettingsScope }

export interface ReadResult {
  organizations: ConfiguredOrganization[];
  /** One line per invalid entry, naming its path and problem. */
  problems: string[];
}

const id = z.int({ error: 'must be a positive integer' }).check(z.positive('must be a positive integer'));
const name = z.optional(z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, 'must not be empty')));
const date = z.optional(z.string({ error: 'must be a date as YYYY-MM-DD' }).check(z.superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) ctx.addIssue({ code: 'custom', message: 'must be a date as YYYY-MM-DD' });
  else if (Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || !new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)) ctx.addIssue({ code: 'custom', message: 'is not a real date' });
})));
const list = z.optional(z.array(z.unknown(), { error: 'must be a list' }));

const attendeeShape = z.object({ id, name }, { error: 'must be an object like { "id": 123 }' });
const eventShape = z.object({ id, name, start: date, end: date, attendees: list, savedQueries: z.optional(z.unknown()) }, { error: 'must be an object like { "id": 123 }' });
const organizationShape = z.object({ id, name, events: list }, { error: 'must be an object like { "id": 123 }' });

function problemsOf(path: string, error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? `${path}.${issue.path.join('.')}` : path;
    return `${where} ${issue.message}`;
  });
}

function readList<T>(raw: unknown[] | undefined, path: string, problems: string[], read: (item: unknown, path: string) => T | undefined): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  (raw ?? []).forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const value = read(item, itemPath);
    if (value === undefined) return;
    const key = (value as { id: number }).id;
    if (seen.has(key)) {
      problems.push(`${itemPath}.id ${key} is listed twice; the first one is used`);
      return;
    }
    seen.add(key);
    out.push(value);
  });
  return out;
}

function readAttendee(item: unknown, path: string, problems: string[]): ConfiguredAttendee | undefined {
  const parsed = attendeeShape.safeParse(item);
  if (!parsed.success) return void problems.push(...problemsOf(path, parsed.error));
  return { id: parsed.data.id, ...(parsed.data.name ? { name: parsed.data.name } : {}) };
}

function readEvent(item: unknown, path: string, problems: string[]): ConfiguredEvent | undefined {
  const parsed = eventShape.safeParse(item);
  if (!parsed.success) return void problems.push(...problemsOf(path, parsed.error));
  const { id: eventId, name: eventName, start, end } = parsed.data;
  if (start && end && start > end) return void problems.push(`${path}.start ${start} is after its end ${end}`);
  const attendees = readList(parsed.data.attendees, `${path}.attendees`, problems, (a, p) => readAttendee(a, p, problems));
  const savedQueries = readSavedQueries(parsed.data.savedQueries, `${path}.savedQueries`, problems);
  return {
    id: eventId, ...(eventName ? { name: eventName } : {}), ...(start ? { start } : {}), ...(end ? { end } : {}), attendees,
    ...(savedQueries.length ? { savedQueries } : {}),
  };
}

/** Reads one scope's value of `brella.organizations`; `root` names it in problems. */
export function readOrganizations(value: unknown, scope: SettingsScope, root = 'brella.organizations'): ReadResult {
  const problems: string[] = [];
  if (value === undefined || value === null) return { organizations: [], problems };
  if (!Array.isArray(value)) return { organizations: [], problems: [`${root} must be a list of organizations`] };
  const organizations = readList(value, root, problems, (item, path) => {
    const parsed = organizationShape.safeParse(item);
    if (!parsed.success) return void problems.push(...problemsOf(path, parsed.error));
    const events = readList(parsed.data.events, `${path}.events`, problems, (e, p) => readEvent(e, p, problems));
    return { id: parsed.data.id, ...(parsed.data.name ? { name: parsed.data.name } : {}), events, scope };
  });
  return { organizations, problems };
}

/**
 * Merges the user and workspace values: an organization configured in both shows once, as the workspace
 * has it (VS Code's own precedence), so edits go where the visible entry lives.
 */
export function mergeScopes(user: ReadResult, workspace: ReadResult): ReadResult {
  const byId = new Map<number, ConfiguredOrganization>();
  for (const org of user.organizations) byId.set(org.id, org);
  for (const org of workspace.organizations) byId.set(org.id, org);
  return { organizations: [...byId.values()], problems: [...user.problems, ...workspace.problems] };
}

/**
 * Reads `brella.organizations` from what VS Code's `inspect()` returned. An untrusted workspace's value is not
 * read at all: a cloned repository does not choose which organizations (and so which keys) are used.
 */
export function readScopedOrganizations(inspected: { globalValue?: unknown; workspaceValue?: unknown } | undefined, trusted: boolean): ReadResult {
  const user = readOrganizations(inspected?.globalValue, 'user');
  if (!trusted) return user;
  return mergeScopes(user, readOrganizations(inspected?.workspaceValue, 'workspace', 'brella.organizations (workspace)'));
}

export function organizationLabel(org: { id: number; name?: string }): string {
  return org.name ?? `Organization ${org.id}`;
}
