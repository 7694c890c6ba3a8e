/**
 * Shared helpers for headless-chromium tests of webview code: bundle an entry with esbuild in
 * memory, serve it from 127.0.0.1 under a strict CSP like a VS Code webview's, launch chromium.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { GridHandle, GridOptions, GridState, Row } from '../../webview/table/types';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Bundles TS source (imports resolve from the repo root) into one browser script. The CSS its modules import (the
 * grid's table.css) comes first in it, adopted as a constructable stylesheet, which the test pages' CSP allows:
 * in the webviews the same CSS is a file the page links.
 */
export async function bundle(source: string): Promise<string> {
  const out = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'page-entry.ts', loader: 'ts' },
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent',
    outdir: 'out/page', loader: { '.css': 'css' },
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text;
  if (!css) return js;
  const adopt = `(() => { const sheet = new CSSStyleSheet(); sheet.replaceSync(${JSON.stringify(css)}); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; })();\n`;
  return adopt + js;
}

/** Page entry exposing the table module and the synthetic rows on globalThis. */
export const TABLE_ENTRY = `
import * as table from './webview/table/index.ts';
import { makeRows } from './test/webview/rows.ts';
Object.assign(globalThis, { __table: table, __makeRows: makeRows });
`;

/** What TABLE_ENTRY and the tests put on the page's globalThis (typed without the DOM lib). */
export interface PageGlobals {
  __table: { createGrid(container: unknown, options?: GridOptions): GridHandle };
  __makeRows(n: number, seed?: number): Row[];
  __grid: GridHandle;
  __copied: string[];
  __events: string[];
  __cspViolations: string[];
  document: { getElementById(id: string): unknown };
  getComputedStyle(el: unknown): { overflowY: string };
  requestAnimationFrame(cb: (t: number) => void): number;
  /** For timing a key press inside the page, without the round trip of a driven key. */
  performance: { now(): number };
  KeyboardEvent: new (type: string, init: { key: string; code?: string; ctrlKey?: boolean; shiftKey?: boolean; bubbles?: boolean }) => unknown;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `js` in a page with a #host box of the given size; `csp: false` drops the CSP header. */
export async function serve(js: string, opts: { csp?: boolean; width?: number; height?: number } = {}): Promise<Served> {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>table test</title>
<style nonce="${nonce}">html, body { margin: 0; padding: 0; } #host { width: ${opts.width ?? 1000}px; height: ${opts.height ?? 600}px; }</style>
<script nonce="${nonce}" src="/csp-probe.js"></script></head>
<body><div id="host"></div><script nonce="${nonce}" src="/page.js"></script></body></html>`;
  // __name: tsx compiles the tests with esbuild's keepNames, so functions passed to
  // page.evaluate may call __name(); the page defines it as a no-op.
  const probe = `globalThis.__name = (f) => f;
globalThis.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => globalThis.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const headers: Record<string, string> = opts.csp === false ? {} : { 'content-security-policy': csp };
    if (path === '/') res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (path === '/csp-probe.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(probe);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    // closeAllConnections: a kept-alive connection from the page would hold close() for its idle timeout.
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** Opens a served page at a fixed viewport; rejects on page errors via the returned list. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** PageGlobals with the computed styles the table tests read. */
export type InPage = Omit<PageGlobals, 'getComputedStyle'> & { getComputedStyle(el: unknown): { backgroundColor: string; position: string } };

/** A fresh TABLE_ENTRY page with a grid (UTC times) holding n synthetic rows, copies in __copied; `pinned` as the option. */
export async function mountGrid(browser: Browser, url: string, n: number, pinned?: string[]): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, url);
  await opened.page.evaluate(([count, pinnedColumns]) => {
    const g = globalThis as unknown as PageGlobals;
    g.__copied = [];
    g.__events = [];
    g.__grid = g.__table.createGrid(g.document.getElementById('host'), {
      timeZone: 'utc',
      onCopy: (t) => g.__copied.push(t),
      onSortChange: (s) => g.__events.push(`sort ${s === null ? 'none' : `${s.key} ${s.dir}`}`),
      onChange: (s) => g.__events.push(`change ${s.rowCount}`),
      ...(pinnedColumns ? { pinnedColumns } : {}),
    });
    g.__grid.setRows(g.__makeRows(count));
  }, [n, pinned] as const);
  return opened;
}

export function gridState(page: Page): Promise<GridState> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.getState());
}

export function scrollTop(page: Page): Promise<number> {
  return page.locator('.bt-scroll').evaluate((el) => el.scrollTop);
}

/** Texts of the rendered, visible body rows of a grid, in view order. */
export async function visibleRows(page: Page): Promise<{ index: number; cells: string[] }[]> {
  const rows = page.locator('.bt-body [role=row]:visible');
  const out = await rows.evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('aria-rowindex')),
      cells: Array.from(el.querySelectorAll('[role=gridcell]'), (c: { textContent: string | null }) => c.textContent ?? ''),
    })),
  );
  return out.sort((a, b) => a.index - b.index);
}

/** Closes the page, then asserts it had no errors and no CSP violations. */
export async function closeChecked(page: Page, errors: string[]): Promise<void> {
  const violations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, [], 'no CSP violations');
}

/** The grid's body cell at a view position and column (both from 0). */
export function cellAt(page: Page, pos: number, col = 1): Locator {
  return page.locator(`.bt-body [aria-rowindex="${pos + 2}"] [aria-colindex="${col + 1}"]`);
}

/** View positions of the shown rows marked aria-selected="true". */
export async function markedRows(page: Page): Promise<number[]> {
  const rows = page.locator('.bt-body [role=row][aria-selected=true]:visible');
  const pos = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-rowindex')) - 2));
  return pos.sort((a, b) => a - b);
}

export function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.selectedRows().map((r) => r.id));
}

export function lastCopy(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__copied.at(-1));
}

/**
 * For a test file of one bundle: serves `entry`'s bundle and launches chromium before its tests, and closes both
 * after them. `open` opens a fresh page on it (see openPage).
 */
export function bundlePages(entry: string): { open: () => ReturnType<typeof openPage>; readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let server: Served | undefined;
  before(async () => {
    server = await serve(await bundle(entry));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { open: () => openPage(browser!, server!.url), get browser() { return browser!; }, get url() { return server!.url; } };
}

/** bundlePages of the table's bundle; `mount` opens a fresh page with a grid (see mountGrid). */
export function gridPages(): { mount: (n: number, pinned?: string[]) => Promise<{ page: Page; errors: string[] }> } {
  const pages = bundlePages(TABLE_ENTRY);
  return { mount: (n, pinned) => mountGrid(pages.browser, pages.url, n, pinned) };
}
