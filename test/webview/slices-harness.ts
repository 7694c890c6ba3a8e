/**
 * Headless-chromium harness for the slices webview: bundles webview/main.ts (JS + CSS) with esbuild in
 * memory, serves it in a page like the panel's (<body data-view="slices">, a CSP without eval, inline scripts
 * or inline styles except a nonce, the CSS linked as a file) with a fake acquireVsCodeApi that records posted messages in
 * window.__posted and keeps setState's value in sessionStorage, so a reload gets it back.
 */
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { SLICE_FILTER_FIELDS } from '../../src/model/filter-fields';
import type { FromWebview, PanelTarget, ToWebview } from '../../src/protocol/slices';
import { ROOT, launch } from './harness';

export { launch };

export const TARGET: PanelTarget = {
  organizationId: 1,
  eventId: 22,
  attendeeId: 333,
  attendeeName: 'Ada Lovelace',
  eventName: 'Brella Summit',
  eventStart: '2023-05-10',
  eventEnd: '2023-05-12',
};

export function initMessage(over: Partial<Extract<ToWebview, { type: 'init' }>> = {}): ToWebview {
  return { type: 'init', target: TARGET, fields: SLICE_FILTER_FIELDS, timeZone: 'utc', ...over };
}

/** A front end's bundle (JS and CSS), built in memory from `entry`. */
export async function bundleWebview(entry: string, outdir: string): Promise<{ js: string; css: string }> {
  const out = await build({
    entryPoints: [entry], absWorkingDir: ROOT, outdir, write: false,
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', loader: { '.css': 'css' }, logLevel: 'silent',
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: file('.js'), css: file('.css') };
}

export const bundleSlices = (): Promise<{ js: string; css: string }> => bundleWebview('webview/main.ts', 'out/slices-test');

const FAKE_API = `globalThis.__name = (f) => f;
globalThis.__posted = [];
globalThis.__states = 0;
globalThis.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => globalThis.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber));
let acquired = false;
let state = JSON.parse(sessionStorage.getItem('vscode-state') || 'null');
globalThis.acquireVsCodeApi = () => {
  if (acquired) throw new Error('acquireVsCodeApi may be called only once');
  acquired = true;
  return {
    postMessage: (m) => { globalThis.__posted.push(JSON.parse(JSON.stringify(m))); },
    getState: () => state,
    setState: (s) => { state = s; globalThis.__states++; sessionStorage.setItem('vscode-state', JSON.stringify(s)); return s; },
  };
};`;

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves the bundle in a page like a panel's; `view` is the front end main.ts mounts (slices, report). */
export async function serveSlices(files: { js: string; css: string }, view = 'slices'): Promise<Served> {
  const nonce = randomBytes(16).toString('base64');
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const self = `http://${req.headers.host}`;
    const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${self} 'nonce-${nonce}'; font-src ${self}; img-src ${self} data:`;
    // csp-nonce: the toolkit's :focus-visible probe adds a <style> element carrying this nonce.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta property="csp-nonce" content="${nonce}"><title>Slices</title>
<link rel="stylesheet" href="/webview.css"><script nonce="${nonce}" src="/fake-api.js"></script></head>
<body data-view="${view}"><script nonce="${nonce}" src="/webview.js"></script></body></html>`;
    if (path === '/') res.writeHead(200, { 'content-security-policy': csp, 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (path === '/webview.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(files.js);
    else if (path === '/webview.css') res.writeHead(200, { 'content-type': 'text/css' }).end(files.css);
    else if (path === '/fake-api.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(FAKE_API);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What the fake API puts on the page's globalThis (typed without the DOM lib). */
interface PageGlobals {
  __posted: FromWebview[];
  __states: number;
  __cspViolations: string[];
  postMessage(message: unknown, origin: string): void;
}

export interface SlicesPage {
  page: Page;
  errors: string[];
  posted(): Promise<FromWebview[]>;
  /** Posted messages of one type. */
  sent<T extends FromWebview['type']>(type: T): Promise<Extract<FromWebview, { type: T }>[]>;
  deliver(...messages: ToWebview[]): Promise<void>;
  text(selector: string): Promise<string>;
  /** Closes the page; fails on page errors or CSP violations. */
  close(): Promise<void>;
}

export async function openSlices(browser: Browser, url: string): Promise<SlicesPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const posted = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
  const sp: SlicesPage = {
    page,
    errors,
    posted,
    sent: async (type) => (await posted()).filter((m) => m.type === type) as never,
    deliver: async (...messages) => {
      for (const m of messages) await page.evaluate((msg) => (globalThis as unknown as PageGlobals).postMessage(msg, '*'), m);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    },
    text: async (selector) => ((await page.locator(selector).first().textContent()) ?? '').trim(),
    close: async () => {
      const violations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
      await context.close();
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('\n')}`);
      if (violations.length > 0) throw new Error(`CSP violations: ${violations.join('\n')}`);
    },
  };
  return sp;
}

/** Polls until `check` gives a truthy value (or throws after `ms`). */
export async function until<T>(check: () => Promise<T | undefined | null | false>, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * For a test file: bundles and serves the page of `view` and launches chromium once (before/after hooks), and
 * returns `open()` (a fresh page).
 */
export function servedPages(bundle: () => Promise<{ js: string; css: string }>, view: string): { open(): Promise<SlicesPage> } {
  let browser: Browser | undefined;
  let server: Served | undefined;
  before(async () => {
    server = await serveSlices(await bundle(), view);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return { open: () => openSlices(browser!, server!.url) };
}

/**
 * For a test file: the slices page served (see servedPages), `open()` (a fresh page) and `ready()` (a page that said
 * ready and got the init message, form built).
 */
export function slicesPages(): { open(): Promise<SlicesPage>; ready(): Promise<SlicesPage> } {
  const { open } = servedPages(bundleSlices, 'slices');
  const ready = async (): Promise<SlicesPage> => {
    const sp = await open();
    await until(async () => (await sp.sent('ready')).length === 1, 'ready');
    await sp.deliver(initMessage());
    await sp.page.locator('[data-field="start_from"] input').waitFor();
    return sp;
  };
  return { open, ready };
}

/** Opens the form's More filters fold (a click on its title), unless it is open. */
export async function showMoreFilters(sp: SlicesPage): Promise<void> {
  if ((await sp.page.locator('#more-filters').getAttribute('open')) === null) await sp.page.click('#more-filters-toggle');
  await sp.page.locator('#more-filters-fields').waitFor();
}

/** What the page last gave setState (kept in sessionStorage by the fake API). */
export async function savedState(sp: SlicesPage): Promise<Record<string, unknown>> {
  const text = await sp.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vscode-state'));
  return JSON.parse(text ?? '{}') as Record<string, unknown>;
}

/** Reloads the page (its saved state stays) and answers its new `ready` with `init`. */
export async function reloadReady(sp: SlicesPage, init: ToWebview = initMessage()): Promise<void> {
  await sp.page.reload();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready after reload');
  await sp.deliver(init);
  await sp.page.locator('[data-field="start_from"] input').waitFor();
}
