/**
 * The Events tree as plain data: Organization → Event → (configured attendees, saved queries, "All attendees" →
 * attendees).
 * No `vscode` import: the adapter in src/features/tree/events-tree.ts turns these nodes into TreeItems, and unit tests
 * build trees from settings and a fake Brella.
 */
import type { BrellaAttendee } from '../model/types';
import { organizationLabel, type ConfiguredEvent, type ConfiguredOrganization, type SettingsScope } from '../config/organizations';
import type { SavedQuery } from '../config/saved-queries';
import { isKeyError } from '../brella';

export interface OrganizationNode { kind: 'organization'; org: ConfiguredOrganization; hasKey: boolean }
export interface EventNode { kind: 'event'; org: ConfiguredOrganization; event: ConfiguredEvent }
export interface AttendeeNode {
  kind: 'attendee';
  org: ConfiguredOrganization;
  event: ConfiguredEvent;
  attendeeId: number;
  name: string;
  /** Email or company, when Brella told us. */
  detail?: string;
  /** True for attendees listed in settings (removable), false for those under "All attendees". */
  configured: boolean;
}
/** A saved query of the event (settings `savedQueries`); running it asks which attendee. */
export interface SavedQueryNode { kind: 'savedQuery'; org: ConfiguredOrganization; event: ConfiguredEvent; query: SavedQuery }
export interface AllAttendeesNode { kind: 'allAttendees'; org: ConfiguredOrganization; event: ConfiguredEvent; count?: number }
export interface MessageNode {
  kind: 'message';
  id: string;
  text: string;
  severity: 'info' | 'error';
  /** The node whose children failed to load; Retry reloads it. */
  retry?: TreeNode;
  /** A command that helps, e.g. setting the key. */
  action?: { command: string; title: string; org: ConfiguredOrganization };
}
export type TreeNode = OrganizationNode | EventNode | AttendeeNode | SavedQueryNode | AllAttendeesNode | MessageNode;

/** What the tree needs from the rest of the extension. */
export interface TreeSource {
  organizations(): ConfiguredOrganization[];
  hasKey(orgId: number): Promise<boolean>;
  /** Every attendee of the event from Brella; cached by the source until refresh. */
  attendees(org: ConfiguredOrganization, event: ConfiguredEvent): Promise<BrellaAttendee[]>;
  /** Attendees already loaded (for counts and names), without a request. */
  cachedAttendees(orgId: number, eventId: number): BrellaAttendee[] | undefined;
  /** Where the tree reports what it had to leave out (a duplicate attendee); the log. */
  warn?(message: string): void;
}

export function nodeId(node: TreeNode): string {
  switch (node.kind) {
    case 'organization': return `org:${node.org.id}`;
    case 'event': return `org:${node.org.id}/event:${node.event.id}`;
    case 'allAttendees': return `org:${node.org.id}/event:${node.event.id}/all`;
    // Names are unique per event whatever their case (the settings reader keeps the first).
    case 'savedQuery': return `org:${node.org.id}/event:${node.event.id}/query:${encodeURIComponent(node.query.name.toLowerCase())}`;
    case 'attendee': return `org:${node.org.id}/event:${node.event.id}/${node.configured ? 'attendee' : 'all/attendee'}:${node.attendeeId}`;
    case 'message': return node.id;
  }
}

/** One line of a saved query's filters, e.g. "tracking_type time_spent · start_from 2023-05-10"; "no filters" when none. */
export function savedQuerySummary(query: SavedQuery): string {
  const parts = Object.entries(query.filters).map(([name, value]) => `${name} ${Array.isArray(value) ? value.join(',') : value}`);
  return parts.length > 0 ? parts.join(' · ') : 'no filters';
}

export function attendeeDetail(attendee: BrellaAttendee): string | undefined {
  return attendee.email ?? attendee.companyName ?? undefined;
}

export function eventLabel(event: ConfiguredEvent): string {
  return event.name ?? `Event ${event.id}`;
}

export function scopeLabel(scope: SettingsScope): string {
  return scope === 'demo' ? 'demo data, not saved in settings' : `${scope} settings`;
}

export async function childrenOf(node: TreeNode | undefined, source: TreeSource): Promise<TreeNode[]> {
  if (!node) {
    const orgs = source.organizations();
    return Promise.all(orgs.map(async (org) => ({ kind: 'organization' as const, org, hasKey: await source.hasKey(org.id) })));
  }
  switch (node.kind) {
    case 'organization':
      if (node.org.events.length === 0) {
        return [{ kind: 'message', id: `${nodeId(node)}/empty`, severity: 'info', text: 'No events yet: use "Add Event…" on this organization.' }];
      }
      return node.org.events.map((event) => ({ kind: 'event', org: node.org, event }));
    case 'event': {
      const known = source.cachedAttendees(node.org.id, node.event.id);
      const configured: TreeNode[] = node.event.attendees.map((a) => {
        const fromBrella = known?.find((k) => k.id === String(a.id));
        const detail = fromBrella ? attendeeDetail(fromBrella) : undefined;
        return { kind: 'attendee', org: node.org, event: node.event, attendeeId: a.id, name: a.name ?? fromBrella?.name ?? `Attendee ${a.id}`, ...(detail ? { detail } : {}), configured: true };
      });
      const queries: TreeNode[] = (node.event.savedQueries ?? []).map((query) => ({ kind: 'savedQuery', org: node.org, event: node.event, query }));
      return [...configured, ...queries, { kind: 'allAttendees', org: node.org, event: node.event, ...(known ? { count: attendeeCount(known) } : {}) }];
    }
    case 'allAttendees': {
      if (!(await source.hasKey(node.org.id))) {
        return [{ kind: 'message', id: `${nodeId(node)}/nokey`, severity: 'error', text: `Organization ${node.org.id} has no API key.`, retry: node, action: { command: 'brella.setApiKey', title: 'Set API Key…', org: node.org } }];
      }
      try {
        const attendees = await source.attendees(node.org, node.event);
        if (attendees.length === 0) return [{ kind: 'message', id: `${nodeId(node)}/empty`, severity: 'info', text: 'Brella lists no attendees for this event.' }];
        return attendeeNodes(node, attendees, source);
      } catch (error) {
        return [errorNode(node, error)];
      }
    }
    default:
      return [];
  }
}

/** A positive whole number written the one way Number() writes it back, or undefined ("007", "1e3", "abc"). */
function numericId(id: string): number | undefined {
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 && String(n) === id ? n : undefined;
}

/** How many different attendees a list from Brella holds (a row repeated across pages counts once). */
export function attendeeCount(attendees: readonly BrellaAttendee[]): number {
  return new Set(attendees.map((a) => a.id)).size;
}

/** Lists whose duplicates were already logged: a cached list is drawn again on every expand. */
const reported = new WeakSet<readonly BrellaAttendee[]>();

/**
 * One node per distinct attendee id, so no two tree items share an id (VS Code refuses the whole list then).
 * A repeated id (e.g. a row that moved to the next page while paging) is shown once and logged; an id that is
 * not a number is shown as a message under its own id, since slices can only be asked for by a numeric id.
 */
function attendeeNodes(parent: AllAttendeesNode, attendees: readonly BrellaAttendee[], source: TreeSource): TreeNode[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const nodes: TreeNode[] = [];
  for (const a of attendees) {
    if (seen.has(a.id)) {
      problems.push(`attendee ${JSON.stringify(a.id)} (${a.name}) is listed more than once; it is shown once`);
      continue;
    }
    seen.add(a.id);
    const detail = attendeeDetail(a);
    const id = numericId(a.id);
    if (id === undefined) {
      problems.push(`attendee ${JSON.stringify(a.id)} (${a.name}) has an id that is not a number; its slices cannot be queried`);
      nodes.push({ kind: 'message', id: `${nodeId(parent)}/attendee-id:${encodeURIComponent(a.id)}`, severity: 'info', text: `${a.name} (id ${JSON.stringify(a.id)} is not a number; slices cannot be queried)` });
      continue;
    }
    nodes.push({ kind: 'attendee', org: parent.org, event: parent.event, attendeeId: id, name: a.name, ...(detail ? { detail } : {}), configured: false });
  }
  if (problems.length > 0 && !reported.has(attendees)) {
    reported.add(attendees);
    source.warn?.(`Attendees of event ${parent.event.id} (organization ${parent.org.id}) from Brella: ${problems.join('; ')}`);
  }
  return nodes;
}

export function errorNode(parent: TreeNode, error: unknown): MessageNode {
  const message = error instanceof Error ? error.message : String(error);
  const node: MessageNode = { kind: 'message', id: `${nodeId(parent)}/error`, severity: 'error', text: message, retry: parent };
  if (isKeyError(error)) node.action = { command: 'brella.setApiKey', title: 'Set API Key…', org: (parent as OrganizationNode).org };
  return node;
}

export { organizationLabel };
