/**
 * Headless-chromium harness for the event report webview: the report's own bundle in the slices harness's page
 * (CSP with a nonce, fake acquireVsCodeApi recording posted messages), as <body data-view="report">.
 */
import type { FromReportWebview, ReportPanelTarget, ReportRow, ToReportWebview } from '../../src/protocol/report';
import { reportColumns } from '../../src/reports/summary';
import { bundleWebview, servedPages, until } from './slices-harness';

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

/** The columns the host sends (reportColumns, as the panel does). */
export const PRESENCE_COLUMNS = reportColumns('presence');
export const ENGAGEMENT_COLUMNS = reportColumns('engagement');

export function initMessage(over: Partial<Extract<ToReportWebview, { type: 'init' }>> = {}): ToReportWebview {
  return {
    type: 'init', target: TARGET, columns: [...PRESENCE_COLUMNS], dayZone: 'Europe/Helsinki', timeZone: 'utc', open: true,
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
      asOf: '2023-05-12T08:00:00.000Z',
      days: checkedIn ? [{ day: '2023-05-10', appSeconds: 300, streamSeconds: 0, sponsorSeconds: 0, inApp: true }, ...(i % 2 ? [{ day: '2023-05-11', appSeconds: 300 + i, streamSeconds: 0, sponsorSeconds: 0, inApp: true }] : [])] : [],
    };
  });
}

/** The report panel's own bundle (webview/report/main.ts), JS and CSS, built in memory. */
export const bundleReport = (): Promise<{ js: string; css: string }> => bundleWebview('webview/report/main.ts', 'out/report-test');

export interface ReportPage {
  page: import('playwright-core').Page;
  sent<T extends FromReportWebview['type']>(type: T): Promise<Extract<FromReportWebview, { type: T }>[]>;
  deliver(...messages: ToReportWebview[]): Promise<void>;
  text(selector: string): Promise<string>;
  close(): Promise<void>;
}

/** Bundles and serves the page and launches chromium once per file; `ready()` gives a page that got `init`. */
export function reportPages(): { open(): Promise<ReportPage>; ready(init?: ToReportWebview): Promise<ReportPage> } {
  const pages = servedPages(bundleReport, 'report');
  const open = async (): Promise<ReportPage> => (await pages.open()) as unknown as ReportPage;
  const ready = async (init = initMessage()): Promise<ReportPage> => {
    const rp = await open();
    await until(async () => (await rp.sent('ready')).length === 1, 'ready');
    await rp.deliver(init);
    await rp.page.locator('[role=grid]').waitFor();
    return rp;
  };
  return { open, ready };
}
