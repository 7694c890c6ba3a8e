/**
 * Headless-chromium harness for the event report webview: the report's own bundle in the slices harness's page
 * (CSP with a nonce, fake acquireVsCodeApi recording posted messages), as <body data-view="report">.
 */
import { after, before } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import type { FromReportWebview, ReportPanelTarget, ReportRow, ToReportWebview } from '../../src/protocol/report';
import { ROOT } from './harness';
import { launch, openSlices, serveSlices, until, type Served } from './slices-harness';

export { until };

export const TARGET: ReportPanelTarget = {
  organizationId: 1001,
  eventId: 5001,
  eventName: 'Nordic Summit 2023',
  timeZone: 'Europe/Helsinki',
  kind: 'presence',
  window: { startFrom: '2023-05-10T00:00:00.000Z' },
  who: 'all',
};

export const PRESENCE_COLUMNS = [
  { id: 'attendeeId', label: 'Attendee id', kind: 'text' },
  { id: 'name', label: 'Name', kind: 'text' },
  { id: 'email', label: 'Email', kind: 'text' },
  { id: 'company', label: 'Company', kind: 'text' },
  { id: 'checkedIn', label: 'Checked in', kind: 'boolean' },
  { id: 'firstSeen', label: 'First seen', kind: 'time' },
  { id: 'lastSeen', label: 'Last seen', kind: 'time' },
  { id: 'slices', label: 'Slices', kind: 'number' },
  { id: 'appSeconds', label: 'Time in the app', kind: 'duration' },
] as const;

export const ENGAGEMENT_COLUMNS = [
  ...PRESENCE_COLUMNS,
  { id: 'streamSeconds', label: 'Stream time', kind: 'duration' },
  { id: 'sponsorSeconds', label: 'Sponsor-booth time', kind: 'duration' },
  { id: 'distinctStreams', label: 'Streams', kind: 'number' },
  { id: 'distinctSponsors', label: 'Sponsors', kind: 'number' },
] as const;

export function initMessage(over: Partial<Extract<ToReportWebview, { type: 'init' }>> = {}): ToReportWebview {
  return {
    type: 'init', target: TARGET, columns: [...PRESENCE_COLUMNS], dayZone: 'Europe/Helsinki', timeZone: 'utc',
    windowText: { utc: '2023-05-10 00:00 → now UTC', zone: '2023-05-10 03:00 → now Europe/Helsinki' }, ...over,
  };
}

/** n rows: every third attendee not checked in; days on 10 and 11 May. */
export function makeReportRows(n: number, from = 100001): ReportRow[] {
  return Array.from({ length: n }, (_, i) => {
    const checkedIn = i % 3 !== 2;
    return {
      attendeeId: String(from + i), name: `Person ${String(i).padStart(4, '0')}`, email: `p${i}@example.com`, company: i % 2 ? 'Acme' : null,
      checkedIn, firstSeen: checkedIn ? '2023-05-10T07:00:00.000Z' : null, lastSeen: checkedIn ? '2023-05-11T09:00:00.000Z' : null,
      slices: checkedIn ? 2 + (i % 4) : 0, appSeconds: checkedIn ? 600 + i : 0,
      days: checkedIn ? [{ day: '2023-05-10', appSeconds: 300, streamSeconds: 0, sponsorSeconds: 0, inApp: true }, ...(i % 2 ? [{ day: '2023-05-11', appSeconds: 300 + i, streamSeconds: 0, sponsorSeconds: 0, inApp: true }] : [])] : [],
    };
  });
}

/** The report panel's own bundle (webview/report/main.ts), JS and CSS, built in memory. */
export async function bundleReport(): Promise<{ js: string; css: string }> {
  const out = await build({
    entryPoints: ['webview/report/main.ts'], absWorkingDir: ROOT, outdir: 'out/report-test', write: false,
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', loader: { '.css': 'css' }, logLevel: 'silent',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

export interface ReportPage {
  page: import('playwright-core').Page;
  sent<T extends FromReportWebview['type']>(type: T): Promise<Extract<FromReportWebview, { type: T }>[]>;
  deliver(...messages: ToReportWebview[]): Promise<void>;
  text(selector: string): Promise<string>;
  close(): Promise<void>;
}

/** Bundles and serves the page and launches chromium once per file; `ready()` gives a page that got `init`. */
export function reportPages(): { open(): Promise<ReportPage>; ready(init?: ToReportWebview): Promise<ReportPage> } {
  let browser: Browser | undefined;
  let server: Served | undefined;
  before(async () => {
    server = await serveSlices(await bundleReport(), 'report');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const open = async (): Promise<ReportPage> => (await openSlices(browser!, server!.url)) as unknown as ReportPage;
  const ready = async (init = initMessage()): Promise<ReportPage> => {
    const rp = await open();
    await until(async () => (await rp.sent('ready')).length === 1, 'ready');
    await rp.deliver(init);
    await rp.page.locator('[role=grid]').waitFor();
    return rp;
  };
  return { open, ready };
}
