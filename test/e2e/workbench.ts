import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './code-server';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS } from './tools';

/** What a scenario gets: the page and small helpers for the things every scenario does. */
export class Workbench {
  constructor(readonly page: Page, readonly server: CodeServer) {}

  /** Waits until the workbench has loaded and the Brella activity-bar entry is there. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.activityBarItem('Brella').waitFor({ timeout: 60_000 });
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  }

  /**
   * Opens a view container from the activity bar, and does nothing when the side bar already shows it. It reads
   * the side bar's own heading, not the activity bar's state: a click on the entry of the container already shown
   * closes the side bar, so a stale "not selected" must never lead to a click.
   */
  async openActivity(title: string): Promise<void> {
    const heading = this.page.locator('[id="workbench.parts.sidebar"] .composite.title h2', { hasText: new RegExp(`^${title}\\b`, 'i') });
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await heading.isVisible()) return;
      await this.activityBarItem(title).click();
      if (await heading.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
    }
    await heading.waitFor();
  }

  /** Runs a command from the palette by its title as the palette shows it, e.g. "Brella: Show Log". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    // The row Enter runs: the focused one, showing this title (a list still filtering may focus another).
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      try {
        // Keys pressed while a webview has focus stay in its iframe: give the focus back to the workbench first.
        await this.page.evaluate('document.activeElement && document.activeElement.blur()');
        await this.page.keyboard.press('F1');
        // The palette is open in command mode (its value starts with ">") before anything is typed into it.
        await this.waitForInputValue(/^>/, 10_000);
        await input.fill(`>${title}`, { timeout: 10_000 });
        await row.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        // A webview that takes the focus right then (a panel just revealed) keeps the key, or closes the palette
        // as it loses the focus: open it again.
        if (attempt === 3) throw new Error(`could not run "${title}" from the command palette (3 tries): ${(error as Error).message.split('\n')[0]}`, { cause: error });
      }
    }
    await input.press('Enter');
  }

  /**
   * Types an answer into the open input box (or quick pick filter) and accepts it, then waits until that box
   * has moved on (closed, or become the next step), so the next answer cannot land in the same box.
   */
  async answerInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget:visible input.input');
    await input.waitFor();
    const titleEl = this.page.locator('.quick-input-widget .quick-input-title');
    // Read only when it is there: a missing element would hold innerText() for its whole timeout.
    const title = (await titleEl.count()) > 0 ? await titleEl.first().innerText({ timeout: 5_000 }).catch(() => '') : '';
    await input.fill(text);
    await input.press('Enter');
    // A string, not a function: this file is type-checked without the DOM library.
    await this.page.waitForFunction(`(() => {
      const widget = document.querySelector('.quick-input-widget');
      if (!widget || widget.style.display === 'none') return true;
      const value = widget.querySelector('input.input')?.value;
      const title = widget.querySelector('.quick-input-title')?.textContent ?? '';
      return value !== ${JSON.stringify(text)} || title !== ${JSON.stringify(title)};
    })()`, undefined, { timeout: 15_000 });
  }

  /** Waits until the open quick input holds a value matching `value` (it may be set after the box shows), and returns it. */
  async waitForInputValue(value: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const input = this.page.locator('.quick-input-widget:visible input.input');
    await input.waitFor({ timeout: timeoutMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await input.inputValue();
      if (typeof value === 'string' ? current === value : value.test(current)) return current;
      if (Date.now() > deadline) throw new Error(`the input holds "${current}", not ${String(value)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits for the open input (e.g. the save dialog) to hold a value matching `value`, then accepts it. */
  async acceptInput(value: RegExp): Promise<void> {
    await this.waitForInputValue(value);
    await this.page.locator('.quick-input-widget:visible input.input').press('Enter');
  }

  /** The tree item with this accessible name (label, and description when there is one). */
  treeItem(name: string | RegExp): Locator {
    return this.page.getByRole('treeitem', { name }).first();
  }

  /** The view pane (e.g. "Events") inside the open side bar. */
  view(title: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: title }) }).first();
  }

  /** The innermost frame of a webview whose document matches `selector`. */
  async webviewFrame(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no webview frame contains ${selector}`);
  }

  /** Texts of the notifications on screen, toasts and the notification center alike. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-list-item-message').allInnerTexts();
  }

  /**
   * Waits for a notification containing `text` and returns its full text. Toasts can hide before a busy
   * machine looks, so after half the time it opens the notification center, which keeps every notification.
   */
  async waitForNotification(text: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const item = this.page.locator('.notification-list-item-message', { hasText: text }).first();
    try {
      await item.waitFor({ timeout: timeoutMs / 2 });
    } catch {
      if (!(await this.page.locator('.notifications-center.visible').count())) await this.runCommand('Notifications: Show Notifications');
      await item.waitFor({ timeout: timeoutMs / 2 });
    }
    return item.innerText();
  }

  /** Waits until the Output view is open on the channel named `channel`. */
  async waitForOutputChannel(channel: string, timeoutMs = 20_000): Promise<void> {
    await this.page.locator(`.part.panel .output-view[aria-label="${channel} - Output"]`).waitFor({ timeout: timeoutMs });
  }

  /** Waits for a line matching `pattern` in the Output panel's editor and returns it (spaces normalized). */
  async waitForOutputLine(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-line');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const texts = (await lines.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' '));
      const found = texts.find((t) => pattern.test(t));
      if (found) return found;
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no line matching ${pattern} in the Output panel`);
  }

  /** What VS Code last wrote to the clipboard. */
  async clipboard(): Promise<string> {
    return this.page.evaluate('navigator.clipboard.readText()') as Promise<string>;
  }

  /** Waits until the clipboard holds text that `matches` accepts (the host writes it after the webview's message). */
  async waitForClipboard(matches: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.clipboard();
      if (matches(text)) return text;
      if (Date.now() > deadline) throw new Error(`the clipboard never held the expected text; it holds ${JSON.stringify(text.slice(0, 300))}`);
      await this.page.waitForTimeout(100);
    }
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/**
 * How long a panel may take to come back after "Developer: Reload Window": VS Code starts a new extension host
 * first, which took over a minute on a 2-core machine with both cores loaded.
 */
export const AFTER_RELOAD_MS = 150_000;

export interface ScenarioOptions extends CodeServerOptions {
  viewport?: { width: number; height: number };
}

/**
 * Starts an isolated code-server and a headless chromium, runs `body`, and always stops both.
 * On failure it saves a screenshot and code-server's logs under test/e2e/artifacts/ and prints their paths.
 */
export async function withVSCode(name: string, options: ScenarioOptions, body: (vs: Workbench) => Promise<void>): Promise<void> {
  const started = Date.now();
  const server = await startCodeServer(options);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'brella-e2e-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
      env: { ...process.env, HOME: server.env.HOME, TMPDIR: server.env.TMPDIR, XDG_CONFIG_HOME: server.env.XDG_CONFIG_HOME, XDG_CACHE_HOME: server.env.XDG_CACHE_HOME },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    const vs = new Workbench(page, server);
    await vs.ready();
    if (process.env.BRELLA_E2E_TIMING) console.log(`  [${name}] workbench ready in ${Date.now() - started} ms`);
    try {
      await body(vs);
    } catch (error) {
      const shot = await vs.screenshot(`${name}-failure`).catch(() => 'none (screenshot failed)');
      const logs = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}-logs`);
      rmSync(logs, { recursive: true, force: true });
      cpSync(server.logFile, path.join(logs, 'code-server.log'));
      const userLogs = path.join(server.dir, 'user-data', 'logs');
      if (existsSync(userLogs)) cpSync(userLogs, path.join(logs, 'vscode'), { recursive: true });
      console.error(`✘ e2e scenario "${name}" failed: ${(error as Error).message}\n  screenshot: ${shot}\n  logs: ${logs}`);
      throw error;
    }
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    await server.stop();
  }
}
