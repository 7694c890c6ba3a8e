/**
 * The row inspector of the Slices tab: one slice in full. Every attribute (the ones the table has no column for
 * too), its relationships with their ids and the included resource's name, times in the shown zone and in UTC,
 * the raw JSON:API resource as Brella sent it (asked from the host, which keeps the run's pages) and Copy
 * buttons. It follows the table's active row while open.
 */
import type { TrackingSession } from '../../src/model/types';
import type { FromWebview, ToWebview } from '../../src/protocol/slices';
import type { Post } from '../shared/api';
import { buildInspector, type InspectAction, type InspectContent, type InspectField, type InspectSection, type Inspector } from '../shared/inspector';
import { humanize } from '../table/columns';
import { formatDuration, formatTime } from '../table/format';
import type { Row, TimeZone } from '../table/types';
import { t } from '../shared/l10n';

type Resource = Extract<ToWebview, { type: 'resource' }>;
const RAW = t('Raw resource');
const RELATED = t('Included resources');
const RELATIONSHIPS = t('Relationships');

/** A time in the shown zone, with UTC as its second reading (none when the zone is UTC). */
export function timeField(label: string, iso: string | null, zone: TimeZone): InspectField {
  if (iso === null || iso === '') return { label, value: '' };
  return { label, value: formatTime(iso, zone), ...(zone === 'utc' ? {} : { note: formatTime(iso, 'utc') }) };
}

/** An attribute value as text: objects as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The Trackable field: its type and id, with its name as the note when known. */
function trackableField(type: string | null, id: string | null, name: string | null | undefined): InspectField {
  return { label: t('Trackable'), value: id === null ? '' : `${type ?? ''} ${id}`.trim(), ...(name ? { note: name } : {}) };
}

/** A duration as h:mm:ss, with the seconds as the note. */
function durationField(label: string, seconds: number): InspectField {
  return { label, value: formatDuration(seconds), note: t('{0} s', seconds) };
}

/** The attributes the table has no column for, as a section; none when there are none. */
function otherAttributes(extra: Record<string, unknown> | null | undefined): InspectSection[] {
  const fields = Object.entries(extra ?? {}).map(([key, value]) => ({ label: humanize(key), value: valueText(value) }));
  return fields.length > 0 ? [{ title: t('Other attributes'), fields }] : [];
}

/** Copy Row as JSON: the row as Brella's data is held here, pretty-printed. */
function copyRowAction(id: string, row: object, copy: (text: string) => void): InspectAction {
  return { id, label: t('Copy Row as JSON'), run: () => copy(JSON.stringify(row, null, 2)) };
}

function relationships(row: Row, names: Record<string, string>): InspectSection {
  return {
    title: RELATIONSHIPS,
    fields: [
      trackableField(row.trackableType, row.trackableId, names.trackable),
      { label: t('Tracking session'), value: row.trackingSessionId ?? '' },
    ],
  };
}

function rawSections(resource: Resource | undefined, copy: (text: string) => void): InspectSection[] {
  if (resource === undefined) return [{ title: RAW, note: t('Loading…') }];
  if (resource.resource === null) return [{ title: RAW, note: resource.note ?? t('Not available.') }];
  const raw = resource.resource;
  const sections: InspectSection[] = [{ title: RAW, code: raw, actions: [{ id: 'inspector-copy-raw', label: t('Copy Raw Resource'), run: () => copy(raw) }] }];
  if (resource.related !== null) sections.push({ title: RELATED, code: resource.related });
  return sections;
}

/** What the pane shows for a slice; `resource` once the host answered for this slice. */
export function sliceContent(row: Row, zone: { zone: TimeZone; name: string }, copy: (text: string) => void, resource?: Resource): InspectContent {
  const tz = zone.zone;
  return {
    title: t('Slice {0} · {1}', row.id, row.trackingType),
    sections: [
      {
        title: t('Slice'),
        note: zone.zone === 'utc' ? t('Times in UTC.') : t('Times in {0}, then in UTC.', zone.name),
        fields: [
          { label: t('Id'), value: row.id },
          { label: t('Tracking type'), value: row.trackingType },
          durationField(t('Duration'), row.durationSeconds),
          timeField(t('Start'), row.startTime, tz),
          timeField(t('End'), row.endTime, tz),
          timeField(t('Click time'), row.clickTime, tz),
          { label: t('Trackable type'), value: row.trackableType ?? '' },
        ],
        actions: [copyRowAction('inspector-copy-row', row, copy)],
      },
      relationships(row, resource?.names ?? {}),
      ...otherAttributes(row.extra),
      ...rawSections(resource, copy),
    ],
  };
}

/** Slice ids listed in the pane at most; Copy Slice Ids copies them all. */
const IDS_SHOWN = 100;

/** What the pane shows for a tracking session (the Sessions tab): its attributes, its trackable, its slices. */
export function sessionContent(session: TrackingSession, what: string, copy: (text: string) => void, showSlices: () => void): InspectContent {
  const ids = Array.isArray(session.sliceIds) ? session.sliceIds : [];
  return {
    title: t('Session {0} · {1}', session.id, what),
    sections: [
      {
        title: t('Session'),
        fields: [
          { label: t('Id'), value: session.id },
          durationField(t('Time spent'), session.durationSeconds),
          { label: t('Interactions'), value: String(session.interactionCount) },
        ],
        actions: [copyRowAction('session-inspector-copy-row', session, copy)],
      },
      {
        title: RELATIONSHIPS,
        fields: [trackableField(session.trackableType, session.trackableId, session.trackableName)],
      },
      {
        title: t('Slices'),
        note: ids.length === 0 ? t('Brella listed no slices for this session.')
          : ids.length > IDS_SHOWN ? t('{0} slices listed, the first {1} shown.', ids.length, IDS_SHOWN)
          : ids.length === 1 ? t('{0} slice listed.', ids.length) : t('{0} slices listed.', ids.length),
        ...(ids.length > 0 ? { fields: [{ label: t('Slice ids'), value: ids.slice(0, IDS_SHOWN).join(', ') }] } : {}),
        actions: [
          { id: 'session-inspector-show-slices', label: t('Show These Slices'), title: t('The Slices tab with only this session\'s slices of the last run'), run: showSlices },
          ...(ids.length > 0 ? [{ id: 'session-inspector-copy-ids', label: t('Copy Slice Ids'), run: () => copy(ids.join('\n')) }] : []),
        ],
      },
      ...otherAttributes(session.extra),
    ],
  };
}

export interface SliceInspector {
  inspector: Inspector;
  /** Opens the pane on this row (Enter, Space, double click). */
  open(row: Row): void;
  /** The table's active row changed: the open pane follows it. */
  follow(row: Row | null): void;
  /** The host's answer to `inspect`. */
  resource(message: Resource): void;
  /** The zone changed: the open pane shows its times again. */
  refresh(): void;
}

export function buildSliceInspector(
  gridHost: HTMLElement, post: Post<FromWebview>, zone: () => { zone: TimeZone; name: string }, focusTable: () => void,
): SliceInspector {
  const copy = (text: string): void => post({ type: 'copy', text });
  const inspector = buildInspector(gridHost, { id: 'slices', label: t('Slice details'), copy, closed: focusTable });
  let row: Row | null = null;
  let resource: Resource | undefined;
  const content = (): InspectContent => sliceContent(row!, zone(), copy, resource?.id === row!.id ? resource : undefined);
  const ask = (next: Row): void => {
    row = next;
    resource = undefined;
    post({ type: 'inspect', id: next.id });
  };
  return {
    inspector,
    open(next) {
      ask(next);
      inspector.open(content());
    },
    follow(next) {
      if (!inspector.isOpen || next === null || next === row) return;
      ask(next);
      inspector.follow(content());
    },
    resource(message) {
      resource = message;
      if (inspector.isOpen && row?.id === message.id) for (const section of [relationships(row, message.names), ...rawSections(message, copy)]) inspector.setSection(section);
    },
    refresh() {
      if (inspector.isOpen && row !== null) inspector.follow(content());
    },
  };
}
