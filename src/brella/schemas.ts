/**
 * zod schemas of the JSON:API documents Brella returns, and their mapping to the plain objects of src/model/types.ts.
 * Attribute keys are read dasherized (start-time); underscored spellings (start_time) are accepted too.
 * Attributes the client does not model are kept in `extra`, camelCased.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { BrellaResponseError } from './errors';
import type { BrellaAttendee, BrellaEvent, TrackingSession, TrackingSessionSlice } from '../model/types';

/** Where a body came from, for error messages; `excerpt` is already redacted and short. */
export interface ResponseContext {
  status: number;
  path: string;
  excerpt: string;
}

const nonEmpty = () => z.string().check(z.minLength(1));
/** A decimal number written as text (`"12"`, `"-0.5"`), read as a number. */
const numeral = (pattern: RegExp) => z.pipe(z.string().check(z.regex(pattern)), z.transform(Number));
const id = z.pipe(z.union([nonEmpty(), z.int()]), z.transform(String));
const attributes = z.record(z.string(), z.unknown());

export const resourceSchema = z.looseObject({
  id,
  type: nonEmpty(),
  attributes: z.nullish(attributes),
  relationships: z.nullish(z.record(z.string(), z.unknown())),
});
export type JsonApiResource = z.output<typeof resourceSchema>;

export const listDocumentSchema = z.looseObject({
  data: z.nullish(z.array(resourceSchema)),
  /** Resources the data points at (read one by one: a bad one is skipped, not the page). */
  included: z.catch(z.nullish(z.array(z.unknown())), null),
  meta: z.nullish(attributes),
  links: z.nullish(attributes),
});
export type JsonApiListDocument = z.output<typeof listDocumentSchema>;

export const singleDocumentSchema = z.looseObject({
  data: resourceSchema,
  meta: z.nullish(attributes),
  links: z.nullish(attributes),
});

/** Tolerant text: strings (and numbers) kept, anything else read as null. */
const text = z.catch(z.nullish(z.pipe(z.union([z.string(), z.number()]), z.transform(String))), null);
const instant = nonEmpty();
/** Seconds, as a number or as text; zod's number() takes finite numbers only. */
const seconds = z.union([z.number(), numeral(/^-?\d+(?:\.\d+)?$/)]);

export const sliceAttributesSchema = z.looseObject({
  'tracking-type': nonEmpty(),
  'start-time': instant,
  'end-time': z.nullish(instant),
  'click-time': z.nullish(instant),
  'duration-seconds': seconds,
  'trackable-type': z.nullish(z.string()),
  'trackable-id': z.nullish(id),
});

export const eventAttributesSchema = z.looseObject({
  name: text,
  title: text,
  'start-time': text,
  'end-time': text,
  'starts-at': text,
  'ends-at': text,
  'start-date': text,
  'end-date': text,
  'time-zone': text,
  timezone: text,
});

/** The zone's canonical IANA name when the runtime knows it (Europe/Helsinki, UTC), else null. */
export function ianaZone(value: string | null | undefined): string | null {
  const name = value?.trim();
  if (!name) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const count = z.union([z.number(), numeral(/^\d+$/)]);

export const sessionAttributesSchema = z.looseObject({
  'duration-seconds': seconds,
  'interaction-count': z.nullish(count),
  'trackable-type': text,
  'trackable-id': z.catch(z.nullish(id), null),
  'trackable-name': text,
});

export const attendeeAttributesSchema = z.looseObject({
  'first-name': text,
  'last-name': text,
  email: text,
  'company-name': text,
  company: text,
  name: text,
  'full-name': text,
});

const relationshipSchema = z.looseObject({
  data: z.nullish(z.looseObject({ id, type: z.string() })),
});

export function camelCase(key: string): string {
  return key.replace(/[-_]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function dasherize(record: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record ?? {})) out[k.replace(/_/g, '-')] = v;
  return out;
}

/** The `extra` of every item that has none: one shared, frozen object instead of one per row. */
const NO_EXTRA: Record<string, unknown> = Object.freeze({});

function extraOf(attrs: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  let extra: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(attrs)) if (!known.includes(k)) (extra ??= {})[camelCase(k)] = v;
  return extra ?? NO_EXTRA;
}

function relationship(resource: JsonApiResource, name: string): { id: string; type: string } | null {
  const rels = resource.relationships ?? {};
  const raw = rels[name] ?? rels[name.replace(/-/g, '_')];
  const parsed = relationshipSchema.safeParse(raw);
  return parsed.success ? (parsed.data.data ?? null) : null;
}

function relationshipIds(resource: JsonApiResource, name: string): string[] {
  const rels = resource.relationships ?? {};
  const raw = rels[name] ?? rels[name.replace(/-/g, '_')];
  const parsed = z.looseObject({ data: z.array(z.looseObject({ id })) }).safeParse(raw);
  return parsed.success ? parsed.data.data.map((r) => r.id) : [];
}

function fail(what: string, ctx: ResponseContext, problem: string): BrellaResponseError {
  const body = ctx.excerpt ? ` Body starts: ${ctx.excerpt}` : '';
  return new BrellaResponseError(
    `Brella answered GET ${ctx.path} (${ctx.status}) with something other than ${what} (${problem}); the API may have changed.${body}`,
    { status: ctx.status, path: ctx.path },
    ctx.excerpt,
  );
}

function issueText(error: z.core.$ZodError, prefix: (string | number)[] = []): string {
  const issue = error.issues[0];
  const where = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))].join('.');
  return `${where || 'document'}: ${issue.message}`;
}

/**
 * zod's English messages for the issues that become an error's text. zod/mini sets no language of its own (an issue
 * reads "Invalid input" without one); given per parse, they need no global setting.
 */
const english = en().localeError;

function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, what: string, ctx: ResponseContext, prefix: (string | number)[]): T {
  const result = schema.safeParse(value, { error: english });
  if (!result.success) throw fail(what, ctx, issueText(result.error, prefix));
  return result.data;
}

/** JSON.parse that turns a non-JSON body into BrellaResponseError. Empty body → undefined. */
export function decodeJson(body: string, ctx: ResponseContext): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw fail('JSON', ctx, 'not JSON');
  }
}

/** A list document; undefined (204 or empty body) reads as an empty list. */
export function parseListDocument(body: unknown, what: string, ctx: ResponseContext): JsonApiListDocument {
  if (body === undefined || body === null) return { data: [] };
  // A bare array (no JSON:API envelope, e.g. `[]` for "no slices") is read as the document's data.
  return parseWith(listDocumentSchema, Array.isArray(body) ? { data: body } : body, what, ctx, []);
}

export function parseSingleDocument(body: unknown, what: string, ctx: ResponseContext): JsonApiResource {
  if (body === undefined || body === null) throw fail(what, ctx, 'empty body');
  return parseWith(singleDocumentSchema, body, what, ctx, []).data;
}

/** Resources of `included`, merged across pages, by "type:id". */
export type IncludedResources = ReadonlyMap<string, JsonApiResource>;

/** Adds a page's `included` resources to `into` (a later page's copy of a resource replaces the earlier one). */
export function mergeIncluded(into: Map<string, JsonApiResource>, doc: JsonApiListDocument): void {
  for (const raw of doc.included ?? []) {
    const parsed = resourceSchema.safeParse(raw);
    if (parsed.success) into.set(`${parsed.data.type}:${parsed.data.id}`, parsed.data);
  }
}

export type ResourceMapper<T> = (resource: JsonApiResource, ctx: ResponseContext, index: number, included?: IncludedResources) => T;

/** The name an included resource is known by: its name, title or display name, when it is text. */
function includedName(included: IncludedResources | undefined, target: { type: string; id: string } | null): string | null {
  const resource = target === null ? undefined : included?.get(`${target.type}:${target.id}`);
  if (resource === undefined) return null;
  const attrs = dasherize(resource.attributes);
  for (const key of ['name', 'title', 'display-name']) {
    const value = attrs[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

export const toSlice: ResourceMapper<TrackingSessionSlice> = (resource, ctx, index, included) => {
  const attrs = dasherize(resource.attributes);
  const a = parseWith(sliceAttributesSchema, attrs, 'tracking session slices', ctx, ['data', index, 'attributes']);
  const trackable = relationship(resource, 'trackable');
  const named = typeof attrs['trackable-name'] === 'string' && attrs['trackable-name'].trim() !== '' ? attrs['trackable-name'].trim() : includedName(included, trackable);
  return {
    id: resource.id,
    trackingType: a['tracking-type'],
    trackableType: a['trackable-type'] ?? trackable?.type ?? null,
    trackableId: a['trackable-id'] ?? trackable?.id ?? null,
    startTime: a['start-time'],
    endTime: a['end-time'] ?? null,
    clickTime: a['click-time'] ?? null,
    durationSeconds: a['duration-seconds'],
    trackingSessionId: relationship(resource, 'tracking-session')?.id ?? null,
    ...(named ? { trackableName: named } : {}),
    extra: extraOf(attrs, Object.keys(sliceAttributesSchema.shape)),
  };
};

export const toEvent: ResourceMapper<BrellaEvent> = (resource, ctx, index) => {
  const attrs = dasherize(resource.attributes);
  const a = parseWith(eventAttributesSchema, attrs, 'events', ctx, ['data', index, 'attributes']);
  const used = ['name', 'start-time', 'end-time', 'starts-at', 'ends-at', 'start-date', 'end-date'];
  if (!a.name && a.title) used.push('title');
  const timeZone = ianaZone(a['time-zone']) ?? ianaZone(a.timezone);
  // A zone this runtime cannot use stays in extra (as Brella sent it) instead of being lost.
  if (timeZone) used.push('time-zone', 'timezone');
  return {
    id: resource.id,
    name: a.name ?? a.title ?? `Event ${resource.id}`,
    startTime: a['start-time'] ?? a['starts-at'] ?? a['start-date'] ?? null,
    endTime: a['end-time'] ?? a['ends-at'] ?? a['end-date'] ?? null,
    timeZone,
    extra: extraOf(attrs, used),
  };
};

export const toAttendee: ResourceMapper<BrellaAttendee> = (resource, ctx, index) => {
  const attrs = dasherize(resource.attributes);
  const a = parseWith(attendeeAttributesSchema, attrs, 'attendees', ctx, ['data', index, 'attributes']);
  const firstName = a['first-name']?.trim() || null;
  const lastName = a['last-name']?.trim() || null;
  const used = ['first-name', 'last-name', 'email', 'company-name'];
  if (!a['company-name'] && a.company) used.push('company');
  const joined = [firstName, lastName].filter(Boolean).join(' ');
  // Without first and last names, a name given whole is the attendee's name.
  const whole = joined ? undefined : (['name', 'full-name'] as const).find((k) => a[k]?.trim());
  if (whole) used.push(whole);
  return {
    id: resource.id,
    firstName,
    lastName,
    name: joined || (whole && a[whole]?.trim()) || `Attendee ${resource.id}`,
    email: a.email || null,
    companyName: a['company-name'] || a.company || null,
    extra: extraOf(attrs, used),
  };
};

export const toTrackingSession: ResourceMapper<TrackingSession> = (resource, ctx, index, included) => {
  const attrs = dasherize(resource.attributes);
  const a = parseWith(sessionAttributesSchema, attrs, 'tracking sessions', ctx, ['data', index, 'attributes']);
  const trackable = relationship(resource, 'trackable');
  const sliceIds = relationshipIds(resource, 'tracking-session-slices');
  return {
    id: resource.id,
    durationSeconds: a['duration-seconds'],
    interactionCount: a['interaction-count'] ?? sliceIds.length,
    trackableType: a['trackable-type'] ?? trackable?.type ?? null,
    trackableId: a['trackable-id'] ?? trackable?.id ?? null,
    trackableName: a['trackable-name'] ?? includedName(included, trackable),
    sliceIds,
    extra: extraOf(attrs, Object.keys(sessionAttributesSchema.shape)),
  };
};
