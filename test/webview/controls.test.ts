/**
 * The webviews' own controls (webview/controls.ts) in headless chromium under a strict CSP: ARIA roles and
 * states, keyboard use, `change` only from the user, disabled buttons that do nothing, theme colors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { bundlePages } from './harness';

const ENTRY = `
import { defineControls } from './webview/controls.ts';
defineControls();
const g = globalThis;
g.__events = [];
const host = document.getElementById('host');
const make = (tag, attrs = {}, text = '') => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.textContent = text;
  return el;
};
const button = make('vscode-button', { id: 'b', appearance: 'primary' }, 'Run');
button.addEventListener('click', () => g.__events.push('click'));
const box = make('vscode-checkbox', { id: 'c', value: 'sponsor' }, 'sponsor');
box.addEventListener('change', () => g.__events.push('change:' + box.checked));
const zone = make('vscode-dropdown', { id: 'z', 'aria-label': 'Time zone' });
zone.append(make('vscode-option', { value: 'local' }, 'Local time'), make('vscode-option', { value: 'utc', selected: '' }, 'UTC'),
  make('vscode-option', { value: 'event', disabled: '' }, 'Event time (unknown)'));
zone.addEventListener('change', () => g.__events.push('zone:' + zone.value));
const ring = make('vscode-progress-ring', { id: 'r', 'aria-label': 'Loading' });
host.append(button, box, zone, ring);
g.__button = button; g.__box = box; g.__zone = zone;
`;

interface Globals { __events: string[]; __cspViolations: string[]; __button: { disabled: boolean }; __box: { checked: boolean }; __zone: { value: string } }

const pages = bundlePages(ENTRY);
let page: Page;

async function fresh(): Promise<Page> {
  await page?.close();
  ({ page } = await pages.open());
  await page.locator('#r').waitFor({ state: 'attached' });
  return page;
}
const events = () => page.evaluate(() => (globalThis as unknown as Globals).__events.splice(0));
const attr = (selector: string, name: string) => page.getAttribute(selector, name);

test('roles and states are those of ARIA\'s patterns, and no CSP violation', async () => {
  await fresh();
  assert.equal(await attr('#b', 'role'), 'button');
  assert.equal(await attr('#c', 'role'), 'checkbox');
  assert.equal(await attr('#c', 'aria-checked'), 'false');
  assert.equal(await attr('#z', 'role'), 'combobox');
  assert.equal(await attr('#z', 'aria-expanded'), 'false');
  assert.equal(await attr('#z', 'aria-haspopup'), 'listbox');
  assert.equal(await attr('vscode-option[value="utc"]', 'aria-selected'), 'true');
  assert.equal(await attr('#r', 'role'), 'progressbar');
  for (const id of ['#b', '#c', '#z']) assert.equal(await attr(id, 'tabindex'), '0', id);
  assert.deepEqual(await page.evaluate(() => (globalThis as unknown as Globals).__cspViolations), []);
  // Colors come from the theme's variables.
  await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { style: { setProperty(k: string, v: string): void } } } })
    .document.documentElement.style.setProperty('--vscode-button-background', 'rgb(1, 2, 3)'));
  assert.equal(await page.locator('#b').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor), 'rgb(1, 2, 3)');
});

test('a button clicks with the mouse, Enter and Space; a disabled one does nothing and leaves the tab order', async () => {
  await fresh();
  await page.click('#b');
  await page.focus('#b');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.deepEqual(await events(), ['click', 'click', 'click']);
  await page.evaluate(() => { (globalThis as unknown as Globals).__button.disabled = true; });
  await page.click('#b', { force: true });
  await page.focus('#b');
  await page.keyboard.press('Enter');
  assert.deepEqual(await events(), []);
  assert.equal(await attr('#b', 'aria-disabled'), 'true');
  assert.equal(await attr('#b', 'tabindex'), '-1');
});

test('a checkbox toggles on click and Space with a change event; setting `checked` from code sends none', async () => {
  await fresh();
  await page.click('#c');
  assert.equal(await attr('#c', 'aria-checked'), 'true');
  await page.focus('#c');
  await page.keyboard.press('Space');
  assert.deepEqual(await events(), ['change:true', 'change:false']);
  await page.evaluate(() => { (globalThis as unknown as Globals).__box.checked = true; });
  assert.equal(await attr('#c', 'aria-checked'), 'true');
  assert.deepEqual(await events(), []);
});

test('a dropdown opens on click and picks an option; keys move, open, choose and close; disabled options are skipped', async () => {
  await fresh();
  assert.equal(await page.locator('vscode-option[value="local"]').isVisible(), false, 'options are hidden while closed');
  await page.click('#z');
  assert.equal(await attr('#z', 'aria-expanded'), 'true');
  await page.click('vscode-option[value="local"]');
  assert.equal(await attr('#z', 'aria-expanded'), 'false');
  assert.deepEqual(await events(), ['zone:local']);
  assert.match(await page.locator('#z').evaluate((el) => el.shadowRoot!.textContent ?? ''), /Local time/);

  await page.focus('#z');
  await page.keyboard.press('ArrowDown'); // closed: changes the value at once, like a native select
  assert.deepEqual(await events(), ['zone:utc']);
  await page.keyboard.press('ArrowDown'); // "event" is disabled: stays on utc
  assert.deepEqual(await events(), []);
  await page.keyboard.press('Enter');
  assert.equal(await attr('#z', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowUp');
  assert.deepEqual(await events(), [], 'moving in the open list changes nothing yet');
  await page.keyboard.press('Enter');
  assert.deepEqual(await events(), ['zone:local']);
  assert.equal(await attr('#z', 'aria-expanded'), 'false');
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  assert.equal(await attr('#z', 'aria-expanded'), 'false');

  await page.evaluate(() => { (globalThis as unknown as Globals).__zone.value = 'utc'; });
  assert.equal(await page.evaluate(() => (globalThis as unknown as Globals).__zone.value), 'utc');
  assert.equal(await attr('vscode-option[value="utc"]', 'aria-selected'), 'true');
  assert.deepEqual(await events(), [], 'setting the value from code sends no change');
});
