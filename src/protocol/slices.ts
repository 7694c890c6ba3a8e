/**
 * The messages between the slices panel's host (src/views/slices-panel.ts) and its webview (webview/slices/).
 * Both sides import this file. Messages from the webview are validated with `fromWebview` (zod) before use;
 * messages to the webview are typed only (the host builds them). The API key is never part of any message.
 */
import * as z from 'zod';
import type { SliceFilterField } from '../brella/filters';
import type { PackedSlices } from './packed-slices';

export const VIEW_TYPE = 'brella.slices';

/** Raw form values, keyed by the API's parameter names; validated again by the host. */
const formValues = z.record(z.string().max(64), z.union([z.string().max(200), z.array(z.string().max(64)).max(20), z.number()]));

/** Everything the webview may say. Anything else is ignored (and logged) by the host. */
export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), filters: formValues }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), text: z.string().max(512 * 1024 * 1024), rows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('copy'), text: z.string().max(64 * 1024 * 1024) }),
  z.object({ type: z.literal('copyCurl'), filters: formValues }),
  z.object({ type: z.literal('openRaw') }),
  z.object({ type: z.literal('command'), command: z.enum(['setApiKey', 'showLog']) }),
  z.object({ type: z.literal('timeZone'), timeZone: z.enum(['local', 'utc']) }),
]);
export type FromWebview = z.infer<typeof fromWebview>;

export type TimeZoneSetting = 'local' | 'utc';

export interface PanelTarget {
  organizationId: number;
  eventId: number;
  attendeeId: number;
  attendeeName: string;
  eventName: string;
  /** YYYY-MM-DD when known, for the presets. */
  eventStart?: string;
  eventEnd?: string;
  /** The attendee belongs to the demo organization (reopened with the panel after a reload). */
  demo?: boolean;
}

export type ErrorAction = 'setApiKey' | 'retry' | 'showLog';

/** Everything the host may say. */
export type ToWebview =
  | { type: 'init'; target: PanelTarget; fields: readonly SliceFilterField[]; timeZone: TimeZoneSetting; filters?: Record<string, unknown> }
  | { type: 'started'; runId: number; filters: Record<string, unknown> }
  /**
   * Rows packed by column (see packed-slices.ts). `sentAt` (host clock, ms) lets the webview measure
   * post-to-paint time, recorded in body[data-last-page-ms].
   */
  | { type: 'page'; runId: number; rows: PackedSlices; page: number; pagesKnown?: number; rowsSoFar: number; sentAt?: number }
  | { type: 'done'; runId: number; rows: number; cancelled: boolean }
  | { type: 'failed'; runId: number; message: string; status?: number; actions: ErrorAction[] }
  | { type: 'invalid'; errors: Array<{ field: string; message: string }> }
  | { type: 'timeZone'; timeZone: TimeZoneSetting }
  | { type: 'notice'; text: string };

/** The part of the webview's saved state the panel serializer reads to bring the panel back after a reload. */
export const panelState = z.object({
  target: z.object({
    organizationId: z.number().int().positive(),
    eventId: z.number().int().positive(),
    attendeeId: z.number().int().positive(),
    attendeeName: z.string().max(200),
    eventName: z.string().max(200),
    eventStart: z.string().max(10).optional(),
    eventEnd: z.string().max(10).optional(),
    demo: z.boolean().optional(),
  }),
});
export type PanelState = z.infer<typeof panelState>;
