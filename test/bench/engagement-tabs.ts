/**
 * In-page half of the engagement benchmark: the report webview's own bundle in headless chromium (the webview
 * tests' page: CSP with a nonce, the fake VS Code API), an engagement report of `rows` synthetic attendees delivered
 * as the host sends them (`rows` messages of 2 000), then the time from a click on a tab (Sponsors, Streams) to the
 * frame after its grid shows its first row, and from a click on the top booth or stream to the frame after its
 * visitors are listed. Each time is taken in the page: performance.now() before the click, then frame by frame
 * (requestAnimationFrame, then a task) until the state is there.
 */
import type { Browser } from 'playwright-core';
import type { ReportRow } from '../../src/reports';
import { launch } from '../webview/harness';
import { ENGAGEMENT_COLUMNS, TARGET, bundleReport, initMessage, type ReportPage } from '../webview/report-harness';
import { openSlices, serveSlices, until } from '../webview/slices-harness';

const CHUNK = 2_000;

export type Kind = 'sponsor' | 'stream';

/** ms from before the click to the frame after the state shows, and of it the click's handler alone. */
export interface Paint { ms: number; handlerMs: number }

export interface TabFigures {
  /** The first time the tab shows: its grids built, its table computed. */
  first: Paint;
  /** Shown again, the rows unchanged (the table kept). */
  cached: Paint[];
  /** Shown again after a rows message changed a row while another tab showed (the table computed again). */
  recomputed: Paint[];
  /** A click on the top row (most time) to its visitors listed (a stream's chart too). */
  visitors: Paint[];
  /** The note above the grid (how many booths or streams). */
  note: string;
  /** The visitors list's heading after the last click. */
  heading: string;
}

interface El {
  click(): void;
  textContent: string | null;
  getClientRects(): ArrayLike<unknown>;
}

interface Win {
  document: { querySelector(selector: string): El | null };
  postMessage(message: unknown, origin: string): void;
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): number;
  setTimeout(cb: () => void, ms: number): number;
}

/**
 * In the page: clicks `target`, then waits frame by frame until `ready` is rendered and visible (and the text of
 * `changes`, when given, is no longer what it was). Returns the ms from before the click to after that frame.
 */
function clickToPaint(rp: ReportPage, target: string, ready: string, changes = ''): Promise<Paint> {
  return rp.page.evaluate(async ([click, shown, changed]) => {
    const w = globalThis as unknown as Win;
    const before = changed ? w.document.querySelector(changed)?.textContent : undefined;
    const t0 = w.performance.now();
    const el = w.document.querySelector(click);
    if (!el) throw new Error(`nothing to click at ${click}`);
    el.click();
    const handlerMs = w.performance.now() - t0;
    for (let frame = 0; frame < 1000; frame++) {
      await new Promise<void>((resolve) => w.requestAnimationFrame(() => w.setTimeout(resolve, 0)));
      const there = w.document.querySelector(shown);
      if (there && there.getClientRects().length > 0 && (!changed || w.document.querySelector(changed)?.textContent !== before)) return { ms: w.performance.now() - t0, handlerMs };
    }
    throw new Error(`${shown} did not show`);
  }, [target, ready, changes] as const);
}

const firstRow = (grid: string, index = 2): string => `#${grid} [role=row][aria-rowindex="${index}"]`;
const settle = (rp: ReportPage, ms: number): Promise<void> => rp.page.waitForTimeout(ms);

/**
 * The rows as the host sends them, in messages of CHUNK. Each message goes to the page as JSON text, parsed there:
 * the test driver's own serialization of so many objects would take minutes.
 */
async function deliverRows(rp: ReportPage, rows: readonly ReportRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const text = JSON.stringify({ type: 'rows', runId: 0, rows: rows.slice(start, start + CHUNK), failures: [], ...(start === 0 ? { reset: true } : {}) });
    await rp.page.evaluate(async (message) => {
      const w = globalThis as unknown as Win;
      w.postMessage(JSON.parse(message), '*');
      await new Promise<void>((resolve) => w.setTimeout(resolve, 0));
    }, text);
  }
  await until(async () => (await rp.page.locator(firstRow('grid-host')).count()) > 0, 'the attendees grid shows rows', 60_000);
}

async function measureTab(rp: ReportPage, kind: Kind, rows: readonly ReportRow[], repeats: number): Promise<TabFigures> {
  const tab = `#tab-${kind}s`;
  const grid = `${kind}-grid`;
  const away = async (): Promise<void> => {
    await rp.page.click('#tab-attendees');
    await settle(rp, 300);
  };
  const first = await clickToPaint(rp, tab, firstRow(grid));
  const cached: Paint[] = [];
  const recomputed: Paint[] = [];
  for (let k = 0; k < repeats; k++) {
    await away();
    cached.push(await clickToPaint(rp, tab, firstRow(grid)));
    await away();
    // One attendee's row answered again: the Attendees grid takes every row again, the other tabs are stale.
    const row = rows[k % rows.length]!;
    await rp.deliver({ type: 'rows', runId: 0, rows: [{ ...row, asOf: new Date(Date.parse(row.asOf) + 60_000 * (k + 1)).toISOString() }], failures: [] });
    await settle(rp, 1500);
    recomputed.push(await clickToPaint(rp, tab, firstRow(grid)));
  }
  const visitors: Paint[] = [];
  const cell = (index: number): string => `${firstRow(grid, index)} [role=gridcell]`;
  for (let k = 0; k < repeats; k++) {
    // The second row first, so the top row's click changes what is listed.
    await clickToPaint(rp, cell(3), firstRow(`${kind}-visitors`), `#${kind}-visitors-title`);
    await settle(rp, 300);
    visitors.push(await clickToPaint(rp, cell(2), firstRow(`${kind}-visitors`), `#${kind}-visitors-title`));
    await settle(rp, 300);
  }
  return { first, cached, recomputed, visitors, note: await rp.text(`#${kind}-note`), heading: await rp.text(`#${kind}-visitors-title`) };
}

/** The report webview with `rows` delivered; each tab measured `repeats` times. */
export async function runTabsBench(rows: readonly ReportRow[], repeats = 5): Promise<Record<Kind, TabFigures>> {
  const server = await serveSlices(await bundleReport(), 'report');
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const rp = (await openSlices(browser, server.url)) as unknown as ReportPage;
    await until(async () => (await rp.sent('ready')).length === 1, 'ready');
    await rp.deliver(initMessage({ target: { ...TARGET, kind: 'engagement' }, columns: [...ENGAGEMENT_COLUMNS] }));
    await rp.page.locator('[role=grid]').first().waitFor();
    await deliverRows(rp, rows);
    await settle(rp, 3000); // the attendees grid's idle work (times parsed, indexes built) done before measuring
    const sponsor = await measureTab(rp, 'sponsor', rows, repeats);
    const stream = await measureTab(rp, 'stream', rows, repeats);
    await rp.close();
    return { sponsor, stream };
  } finally {
    await browser?.close();
    await server.close();
  }
}
