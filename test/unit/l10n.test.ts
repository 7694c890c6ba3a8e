/**
 * Every user-visible text is localizable, so that a translation is one file away.
 *
 * - The manifest: each text users read (see visibleFields() in helpers/manifest.ts) is a `%key%` placeholder with
 *   its English in package.nls.json; every placeholder has a text, every text is used, and the file goes into the VSIX.
 * - The extension host: this test reads src/ with the TypeScript compiler and names every text with letters that
 *   reaches a user-visible call without `vscode.l10n.t('…')`: show*Message (message, modal detail, buttons), input
 *   boxes and quick picks (title, prompt, placeholder, what validateInput returns, items' label, description and
 *   detail), withProgress titles and progress messages, tree items (labels, descriptions, tooltips, commands' titles),
 *   save dialogs, webview panel titles and the panels' notices. A text passes when it is `l10n.t(…)`, or one of
 *   the markup helpers (src/explorer/markup.ts) around it; the values an `l10n.t` fills in are checked too. The scan
 *   follows a text through constants, the functions of these files and their parameters (`askId(title, prompt)`
 *   makes each caller's arguments a site), across files.
 *
 * Files the lint keeps free of `vscode` (eslint.config.mjs) cannot call l10n: their texts (Brella's errors, the
 * tree's nodes and tooltips in src/explorer, reports, settings problems) are composed from data and are not scanned.
 * Nor is src/config, whose texts are the settings readers' problems and default names. Log lines stay English.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scan, scanned, src, tsFiles, vscodeFree, withoutL10n } from './helpers/l10n-scan';
import { manifestStrings, PLACEHOLDER, rawManifest, root, visibleFields } from './helpers/manifest';

describe('the manifest', () => {
  const pkg = rawManifest();
  const strings = manifestStrings();
  const placeholders = (node: unknown): string[] => typeof node === 'string'
    ? [PLACEHOLDER.exec(node)?.[1]].filter((k): k is string => k !== undefined)
    : node && typeof node === 'object' ? Object.values(node).flatMap(placeholders) : [];

  test('every %key% of package.json has its English in package.nls.json, and every text there is used', () => {
    const used = new Set(placeholders(pkg));
    assert.deepEqual([...used].filter((key) => !Object.hasOwn(strings, key)), [], 'placeholders without a text');
    assert.deepEqual(Object.keys(strings).filter((key) => !used.has(key)), [], 'texts no placeholder uses');
    for (const [key, text] of Object.entries(strings)) assert.ok(typeof text === 'string' && text.trim() !== '', key);
  });

  test('no user-visible field of package.json is plain text', () => {
    const fields = visibleFields(pkg);
    assert.deepEqual(fields.filter((f) => !PLACEHOLDER.test(String(f.value))).map((f) => `${f.path}: ${String(f.value)}`), []);
    assert.ok(fields.length >= 80, `${fields.length} fields`);
    const kinds = new Set(fields.map((f) => f.key));
    for (const kind of ['displayName', 'description', 'title', 'category', 'name', 'contextualTitle', 'contents', 'markdownDescription', 'enumDescriptions', 'label']) {
      assert.ok(kinds.has(kind), `the walk finds ${kind}`);
    }
  });

  test('the walk names a plain text where users read it, and nothing else', () => {
    const plain = visibleFields({
      displayName: '%displayName%', name: 'brella-explorer',
      contributes: {
        commands: [{ command: 'brella.x', title: 'Do X', category: '%command.category%' }],
        views: { brella: [{ id: 'brella.events', name: 'Events' }] },
        configuration: { properties: { 'brella.x': { default: 'text', enum: ['a'], enumDescriptions: ['The a'], markdownDescription: '%x%' } } },
        walkthroughs: [{ id: 'w', steps: [{ id: 's', title: '%s%', media: { image: 'a.png', altText: 'A picture' } }] }],
      },
    }).filter((f) => !PLACEHOLDER.test(String(f.value))).map((f) => f.path);
    assert.deepEqual(plain, [
      'contributes.commands[0].title', 'contributes.views.brella[0].name', 'contributes.configuration.properties.brella.x.enumDescriptions[0]',
      'contributes.walkthroughs[0].steps[0].media.altText',
    ]);
  });

  test('package.nls.json goes into the VSIX (.vscodeignore excludes all but what it lists)', () => {
    const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(lines.includes('!package.nls.json'), 'add `!package.nls.json` to .vscodeignore, or VS Code shows the %keys% themselves');
  });
});

const sources = (): Map<string, string> => new Map(tsFiles(src).map((f) => [f.split(path.sep).join('/'), readFileSync(f, 'utf8')]));

describe('texts of the extension host', () => {
  const files = sources();
  const inScope = scanned();
  const result = scan(files, inScope);

  test('the lint\'s vscode-free files are known, and the scan covers the rest of src/ but src/config', () => {
    const free = vscodeFree();
    assert.ok(free.length >= 8 && free.some((g) => g.test('src/explorer/nodes.ts')) && free.some((g) => g.test('src/features/report/session.ts')));
    assert.ok(!free.some((g) => g.test('src/features/report/commands.ts')));
    const covered = [...files.keys()].filter(inScope).map((f) => path.posix.relative(src, f));
    for (const file of ['extension.ts', 'features/kit/pick.ts', 'features/kit/attendee-pick.ts', 'features/tree/events-tree.ts', 'features/slices/commands.ts']) assert.ok(covered.includes(file), file);
    for (const file of ['explorer/nodes.ts', 'services/brella.ts', 'features/slices/session.ts', 'config/settings.ts']) assert.ok(!covered.includes(file), file);
  });

  test('every text with letters that reaches a user-visible call goes through vscode.l10n.t', () => {
    assert.deepEqual(result.findings, []);
  });

  test('each kind of site is found in the real code', () => {
    const total = (prefix: string): number => Object.entries(result.sites).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    const expected: Record<string, number> = {
      'notification message': 20, 'notification button': 10, 'notification detail': 1, 'input box': 8, 'quick pick': 8, 'quick pick item': 20,
      'progress title': 5, 'command title': 3, 'panel notice': 2, 'label (assigned)': 2, 'description (assigned)': 3, 'title (assigned)': 1, 'placeholder (assigned)': 2,
    };
    for (const [prefix, least] of Object.entries(expected)) assert.ok(total(prefix) >= least, `${prefix}: ${total(prefix)} < ${least}\n${JSON.stringify(result.sites, null, 1)}`);
  });
});

/**
 * Localized texts that reach users by a way the scan does not follow (so taking their l10n.t out is not reported):
 * each with its file and why.
 */
const UNTRACED: ReadonlyArray<{ file: string; message: string; why: string }> = [
  { file: 'features/slices/panel.ts', message: 'Slices · {0} · {1}', why: 'a panel title, handed to PanelRegistry as titleOf()' },
  { file: 'features/report/panel.ts', message: 'Report · {0} · {1}', why: 'a panel title, handed to PanelRegistry as titleOf()' },
  { file: 'features/kit/attendee-pick.ts', message: 'Attendee {0}', why: 'also the name in a slices panel target' },
  { file: 'features/report/commands.ts', message: 'Attendee {0}', why: 'a name in the report target, read by the webview' },
  { file: 'features/slices/saved-queries.ts', message: 'Cannot save the query', why: 'an error, shown by the command runner (kit/commands.ts)' },
  { file: 'features/kit/copy-request.ts', message: 'Copied the request as {0}', why: 'a notice returned in a result object' },
  { file: 'features/kit/panels.ts', message: 'Excel workbook', why: 'a save dialog filter name, an object key' },
];

describe('the scan can fail', () => {
  const findingsOf = (sources: Record<string, string>): string[] =>
    scan(new Map(Object.entries(sources).map(([f, t]) => [`/v/src/${f}`, `import * as vscode from 'vscode';\n${t}`])), (f) => !f.includes('/pure/'), '/v/src')
      .findings.map((f) => f.replace(/:\d+ /, ' '));

  const cases: Array<{ what: string; bad: string; found: string[]; good: string }> = [
    {
      what: 'a notification, its buttons and its modal detail',
      bad: 'void vscode.window.showWarningMessage("Remove it?", { modal: true, detail: `Gone for good` }, "Remove");',
      found: ['a.ts notification message: "Remove it?"', 'a.ts notification detail: `Gone for good`', 'a.ts notification button: "Remove"'],
      good: 'void vscode.window.showWarningMessage(vscode.l10n.t("Remove it?"), { modal: true, detail: vscode.l10n.t("Gone for good") }, remove);',
    },
    {
      what: 'a text inside a markup helper, and a value filled into l10n.t',
      bad: 'void vscode.window.showErrorMessage(notificationText(`Brella said: ${e.message}`));\nvoid vscode.window.showInformationMessage(notificationText(vscode.l10n.t("Saved {0}.", "the query")));',
      found: ['a.ts notification message: `Brella said: ${e.message}`', 'a.ts notification message: "the query"'],
      good: 'void vscode.window.showErrorMessage(notificationText(vscode.l10n.t("Brella said: {0}", e.message)));\nvoid vscode.window.showInformationMessage(notificationText(vscode.l10n.t("Saved {0}.", query.name)));',
    },
    {
      what: 'quick-pick items and options, through a constant',
      bad: 'const title = `Report of ${name}`;\nvoid vscode.window.showQuickPick([{ label: "Presence", detail: pickText(`id ${id}`) }, "Other"], { title, placeHolder: "What" });',
      found: ['a.ts quick pick items: "Other"', 'a.ts quick pick item label: "Presence"', 'a.ts quick pick item detail: `id ${id}`', 'a.ts quick pick title: `Report of ${name}`', 'a.ts quick pick placeHolder: "What"'],
      good: 'const title = l10n.t("Report of {0}", name);\nvoid vscode.window.showQuickPick([{ label: l10n.t("Presence"), detail: pickText(l10n.t("id {0}", id)) }, other], { title, placeHolder: l10n.t("What") });',
    },
    {
      what: 'what validateInput returns, through a function of the file',
      bad: 'const check = (v: string) => (v ? undefined : { message: "Required", severity: 3 });\nvoid vscode.window.showInputBox({ validateInput: (v) => (v.length > 9 ? "Too long" : check(v)) });',
      found: ['a.ts input box validation: "Required"', 'a.ts input box validation: "Too long"'],
      good: 'const check = (v: string) => (v ? undefined : { message: l10n.t("Required"), severity: 3 });\nvoid vscode.window.showInputBox({ validateInput: (v) => (v.length > 9 ? l10n.t("Too long") : check(v)) });',
    },
    {
      what: 'tree items, progress and panel notices',
      bad: 'const item = new vscode.TreeItem("All attendees");\nitem.description = n ? `${n}` : "load";\nitem.command = { command: "x", title: "Retry" };\nvoid vscode.window.withProgress({ location: 15, title: "Loading…" }, async (p) => p.report({ message: `Half of ${n}` }));\npost({ type: "notice", text: "Copied." });',
      found: ['a.ts tree item label: "All attendees"', 'a.ts description (assigned): "load"', 'a.ts command title: "Retry"', 'a.ts progress title: "Loading…"', 'a.ts progress message: `Half of ${n}`', 'a.ts panel notice: "Copied."'],
      good: 'const item = new vscode.TreeItem(l10n.t("All attendees"));\nitem.description = n ? `${n}` : l10n.t("load");\nitem.command = { command: "x", title: l10n.t("Retry") };\nvoid vscode.window.withProgress({ location: 15, title: l10n.t("Loading…") }, async (p) => p.report({ message: l10n.t("Half of {0}", n) }));\npost({ type: "notice", text: l10n.t("Copied.") });',
    },
  ];
  for (const c of cases) {
    test(`finds ${c.what}, and passes it once localized`, () => {
      assert.deepEqual(findingsOf({ 'a.ts': c.bad }).sort(), [...c.found].sort());
      assert.deepEqual(findingsOf({ 'a.ts': c.good }), []);
    });
  }

  test('follows parameters across files, and leaves data and the files it does not scan alone', () => {
    const files = {
      'kit.ts': 'export function ask(title: string, { placeholder }: { placeholder: string }, ...buttons: string[]) {\n  void vscode.window.showInputBox({ title, placeHolder: placeholder });\n  return vscode.window.showInformationMessage(vscode.l10n.t("Pick"), ...buttons);\n}',
      'b.ts': 'import { ask } from "./kit";\nvoid ask("Pick one", { placeholder: vscode.l10n.t("Search") }, vscode.l10n.t("Open"), "Close");\nvoid vscode.window.showInformationMessage(notificationText(error.message), ...names.map((n) => n.trim()));',
      'pure/c.ts': 'import { ask } from "../kit";\nvoid ask("Not scanned", { placeholder: "here" });',
    };
    assert.deepEqual(findingsOf(files), ['b.ts input box title (through ask()): "Pick one"', 'b.ts notification button (through ask()): "Close"']);
  });

  test('every l10n.t of the real code that reaches users is caught once it is taken out', () => {
    const real = sources();
    const expected: string[] = [];
    for (const [file, text] of real) {
      const untraced = UNTRACED.filter((u) => u.file === path.posix.relative(src, file));
      const stripped = withoutL10n(text, (message) => untraced.some((u) => message.startsWith(u.message)));
      if (stripped.lines.length === 0) continue;
      real.set(file, stripped.text);
      expected.push(...stripped.lines.map((line) => `${path.posix.relative(src, file)}:${line}`));
    }
    const reported = scan(real, scanned()).findings.map((f) => f.split(' ')[0]);
    assert.ok(expected.length > 100, `${expected.length} texts taken out`);
    // One finding (or more) for each text taken out, on its line.
    const missed = expected.filter((at, i) => reported.filter((r) => r === at).length < expected.slice(0, i + 1).filter((e) => e === at).length);
    assert.deepEqual(missed, [], 'texts taken out of l10n.t that the scan does not report');
  });
});
