/**
 * Every text VS Code turns into links, icons or Markdown goes through the escaping function for its surface
 * (src/explorer/markup.ts) unless it is a fixed text. This test reads every file of src/ with the TypeScript parser
 * and names each place that does not:
 *
 * - the first argument of show{Error,Warning,Information}Message: notificationText();
 * - a withProgress title, and a progress.report({ message }): notificationText() in ProgressLocation.Notification,
 *   pickText() elsewhere (the status bar draws `$(icon)`);
 * - a quick-pick item's label, description and detail (any object literal with a `label`): pickText();
 * - an input box's prompt (VS Code renders links and icons in it): pickText();
 * - a tooltip: Markdown escaped with escapeMarkdown(), in practice tooltipMarkdown().
 *
 * The escape must wrap the whole text: escaped parts joined in a template can still form `[a](command:b)` or
 * `$(zap)` where they meet. Quick-pick and input-box titles and placeholders are plain text in VS Code and are not
 * checked. A value we make ourselves (an id from settings, a count) may stand unescaped only when OWN names it.
 * A fixed text localized with `vscode.l10n.t('…')` (our English, or our translation of it) is a fixed text too;
 * the values it fills in for `{0}`, `{1}` are checked like a template's (test/unit/l10n.test.ts checks the rest).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const src = path.resolve(__dirname, '..', '..', 'src');

type Surface = 'notification' | 'icons' | 'markdown';

/** The functions that make text safe for each surface (src/explorer/markup.ts, src/explorer/tooltips.ts). */
const HELPERS: Record<Surface, readonly string[]> = {
  notification: ['notificationText'],
  icons: ['pickText'],
  // tooltipMarkdown() builds its Markdown from escapeMarkdown() pieces; test/unit/explorer.test.ts renders it.
  markdown: ['escapeMarkdown', 'tooltipMarkdown'],
};

/**
 * Calls that only carry escaped text on: `markdown()` wraps it in a MarkdownString without trust, HTML or icons.
 * (`new MarkdownString(x)` carries it on too, and is known without a list.)
 */
const WRAPPERS: ReadonlyArray<{ file: string; name: string }> = [
  { file: 'features/tree/events-tree.ts', name: 'markdown' },
];

/**
 * Values that are ours, so they may stand unescaped (alone or inside a template): each names its file, its exact
 * expression, and why no one else's text can be in it. Keep this list short; when in doubt, escape.
 */
const OWN: ReadonlyArray<{ file: string; expression: string; why: string }> = [
  { file: 'features/kit/pick.ts', expression: 'String(org.id)', why: 'an organization id from settings, checked to be a positive integer (config/organizations.ts)' },
  { file: 'features/kit/pick.ts', expression: 'String(event.id)', why: 'an event id from settings, checked to be a positive integer' },
  { file: 'features/report/commands.ts', expression: 'String(event.id)', why: 'an event id from settings, checked to be a positive integer' },
  { file: 'features/report/commands.ts', expression: 'configured.length', why: 'a count' },
  { file: 'features/tree/keys.ts', expression: 'org.id', why: 'an organization id from settings, checked to be a positive integer' },
  { file: 'features/kit/search-pick.ts', expression: 'text', why: 'the typed id, trimmed: typed() returns no item unless parseId() reads it, so it is digits only' },
];

interface Finding {
  file: string;
  line: number;
  where: string;
  value: string;
  /** The function that would make the value safe. */
  use: string;
}

/** A helper call that made a value safe, and the source of its argument (for the mutation test). */
interface Escape {
  start: number;
  end: number;
  argument: string;
  /** The argument alone would pass (a fixed text): removing this escape changes nothing. */
  needless: boolean;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node)) {
    node = node.expression;
  }
  return node;
}

const calleeName = (call: ts.CallExpression): string | undefined => {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
};

const propertyName = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;

/** The value of `name` in an object literal (`name: value` or the shorthand `name`). */
function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** Reads one file's source; `file` is its path under src/, which OWN and WRAPPERS refer to. */
function scan(file: string, text: string): { findings: Finding[]; escapes: Escape[]; checked: Record<string, number> } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const escapes: Escape[] = [];
  const checked: Record<string, number> = {};
  const own = new Set(OWN.filter((o) => o.file === file).map((o) => o.expression));
  const wrappers = new Set(WRAPPERS.filter((w) => w.file === file).map((w) => w.name));

  /** A fixed text, or one built only from fixed texts and OWN values. */
  const isOwn = (raw: ts.Expression): boolean => {
    const node = unwrap(raw);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return true;
    if (ts.isIdentifier(node) && node.text === 'undefined') return true;
    if (own.has(oneLine(node.getText(sf)))) return true;
    if (ts.isConditionalExpression(node)) return isOwn(node.whenTrue) && isOwn(node.whenFalse);
    if (ts.isTemplateExpression(node)) return node.templateSpans.every((s) => isOwn(s.expression));
    if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText(sf)) && node.arguments.length > 0) {
      const [message, ...values] = node.arguments;
      return (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message)) && values.every((v) => isOwn(v));
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
      return isOwn(node.left) && isOwn(node.right);
    }
    return false;
  };

  /** Safe for the surface: ours, or wrapped whole in the surface's helper (or a wrapper of a safe value). */
  const isSafe = (raw: ts.Expression, surface: Surface): boolean => {
    const node = unwrap(raw);
    if (isOwn(node)) return true;
    if (ts.isConditionalExpression(node)) return isSafe(node.whenTrue, surface) && isSafe(node.whenFalse, surface);
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
      return isSafe(node.left, surface) && isSafe(node.right, surface);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length > 0) {
      const [argument] = node.arguments;
      if (HELPERS[surface].includes(node.expression.text)) {
        escapes.push({ start: node.getStart(sf), end: node.getEnd(), argument: argument.getText(sf), needless: isOwn(argument) });
        return true;
      }
      if (wrappers.has(node.expression.text)) return isSafe(argument, surface);
    }
    // A MarkdownString of escaped Markdown: what it shows is what the escape made.
    if (surface === 'markdown' && ts.isNewExpression(node) && /(^|\.)MarkdownString$/.test(node.expression.getText(sf)) && node.arguments?.[0]) {
      return isSafe(node.arguments[0], surface);
    }
    return false;
  };

  const check = (where: string, value: ts.Expression | undefined, surface: Surface): void => {
    if (!value) return;
    checked[where] = (checked[where] ?? 0) + 1;
    if (isSafe(value, surface)) return;
    const line = sf.getLineAndCharacterOfPosition(value.getStart(sf)).line + 1;
    findings.push({ file, line, where, value: oneLine(value.getText(sf)), use: HELPERS[surface][0] });
  };

  /** ProgressLocation.Notification shows title and message as a notification (links); the status bar draws icons. */
  const progressSurface = (options: ts.ObjectLiteralExpression | undefined): Surface => {
    const location = options && property(options, 'location');
    return location && /\bProgressLocation\.Notification$/.test(location.getText(sf)) ? 'notification' : 'icons';
  };

  const enclosingProgress = (node: ts.Node): ts.ObjectLiteralExpression | undefined => {
    for (let n = node.parent; n; n = n.parent) {
      if (ts.isCallExpression(n) && calleeName(n) === 'withProgress') {
        const options = n.arguments[0] && unwrap(n.arguments[0]);
        return options && ts.isObjectLiteralExpression(options) ? options : undefined;
      }
    }
    return undefined;
  };

  /** An object given to accessibilityInformation is read aloud by screen readers, never drawn: not a pick item. */
  const isAccessibility = (object: ts.ObjectLiteralExpression): boolean => {
    const parent = object.parent;
    if (ts.isPropertyAssignment(parent)) return propertyName(parent.name) === 'accessibilityInformation';
    return ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left) && parent.left.name.text === 'accessibilityInformation';
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const first = node.arguments[0] && unwrap(node.arguments[0]);
      if (name && /^show(Error|Warning|Information)Message$/.test(name) && first) {
        check(`${name} message`, first, 'notification');
      } else if (name === 'withProgress' && first) {
        if (ts.isObjectLiteralExpression(first)) check('withProgress title', property(first, 'title'), progressSurface(first));
        else check('withProgress options (write them as an object literal here)', first, 'notification');
      } else if (name === 'report' && first && ts.isObjectLiteralExpression(first) && property(first, 'message')) {
        check('progress.report message', property(first, 'message'), progressSurface(enclosingProgress(node)));
      } else if (name === 'showInputBox' && first && ts.isObjectLiteralExpression(first)) {
        check('input box prompt', property(first, 'prompt'), 'icons');
      }
    } else if (ts.isObjectLiteralExpression(node) && property(node, 'label') && !isAccessibility(node)) {
      for (const key of ['label', 'description', 'detail']) check(`quick-pick item ${key}`, property(node, key), 'icons');
      check('tooltip', property(node, 'tooltip'), 'markdown');
    } else if (ts.isObjectLiteralExpression(node)) {
      check('tooltip', property(node, 'tooltip'), 'markdown');
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const key = node.left.name.text;
      if (key === 'tooltip') check('tooltip', node.right, 'markdown');
      else if (key === 'prompt') check('input box prompt', node.right, 'icons');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { findings, escapes, checked };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const sources = files(src).map((f) => ({ file: path.relative(src, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }));
const show = (f: Finding): string => `${f.file}:${f.line} ${f.where} needs ${f.use}(): ${f.value}`;

describe('markup surfaces in src/', () => {
  test('every text VS Code renders as links, icons or Markdown is fixed, ours, or escaped for its surface', () => {
    const findings = sources.flatMap((s) => scan(s.file, s.text).findings);
    assert.deepEqual(findings.map(show), []);
  });

  test('each detector finds its surfaces in the real code', () => {
    const total: Record<string, number> = {};
    for (const s of sources) for (const [where, n] of Object.entries(scan(s.file, s.text).checked)) total[where.replace(/^show\w+Message/, 'show*Message')] = (total[where.replace(/^show\w+Message/, 'show*Message')] ?? 0) + n;
    assert.ok((total['show*Message message'] ?? 0) > 10, JSON.stringify(total));
    assert.ok((total['withProgress title'] ?? 0) >= 4, JSON.stringify(total));
    assert.ok((total['progress.report message'] ?? 0) >= 1, JSON.stringify(total));
    assert.ok((total['quick-pick item label'] ?? 0) >= 10, JSON.stringify(total));
    assert.ok((total['quick-pick item detail'] ?? 0) >= 5, JSON.stringify(total));
    assert.ok((total['input box prompt'] ?? 0) >= 4, JSON.stringify(total));
    assert.ok((total['tooltip'] ?? 0) >= 1, JSON.stringify(total));
  });

  test('removing any escape from the real code makes the scan fail there', () => {
    let removed = 0;
    for (const { file, text } of sources) {
      const { escapes, findings } = scan(file, text);
      for (const e of escapes.filter((x) => !x.needless)) {
        const mutated = text.slice(0, e.start) + e.argument + text.slice(e.end);
        const after = scan(file, mutated).findings;
        assert.ok(after.length > findings.length, `${file}: without the escape, ${text.slice(e.start, e.end)} still passes`);
        removed++;
      }
    }
    assert.ok(removed > 30, `removed ${removed} escapes`);
  });
});

describe('the scanner itself', () => {
  const findingsOf = (code: string, file = 'features/kit/example.ts'): string[] => scan(file, code).findings.map((f) => `${f.where} needs ${f.use}()`);

  const cases: Array<{ what: string; bad: string; good: string; finding: string }> = [
    {
      what: 'a notification', finding: 'showErrorMessage message needs notificationText()',
      bad: 'void vscode.window.showErrorMessage(`Brella said: ${error.message}`, "Show Log");',
      good: 'void vscode.window.showErrorMessage(notificationText(`Brella said: ${error.message}`), "Show Log");',
    },
    {
      what: 'a notification of a bare variable', finding: 'showWarningMessage message needs notificationText()',
      bad: 'void vscode.window.showWarningMessage(message, { modal: true }, "Remove");',
      good: 'void vscode.window.showWarningMessage(notificationText(message), { modal: true }, "Remove");',
    },
    {
      what: 'a notification progress title', finding: 'withProgress title needs notificationText()',
      bad: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Event report: ${t.eventName}`, cancellable: true }, task);',
      good: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(`Event report: ${t.eventName}`), cancellable: true }, task);',
    },
    {
      what: 'a status-bar progress title', finding: 'withProgress title needs pickText()',
      bad: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading ${name}` }, task);',
      good: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: pickText(`Reading ${name}`) }, task);',
    },
    {
      what: 'progress options that cannot be read', finding: 'withProgress options (write them as an object literal here) needs notificationText()',
      bad: 'await vscode.window.withProgress(options, task);',
      good: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Loading…" }, task);',
    },
    {
      what: 'a progress message', finding: 'progress.report message needs notificationText()',
      bad: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Report" }, async (progress) => { progress.report({ message: `${done} / ${total}: ${attendee.name}`, increment: 1 }); });',
      good: 'await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Report" }, async (progress) => { progress.report({ message: notificationText(`${done} / ${total}: ${attendee.name}`), increment: 1 }); });',
    },
    {
      what: 'a quick-pick label', finding: 'quick-pick item label needs pickText()',
      bad: 'await vscode.window.showQuickPick(all.map((a) => ({ label: a.name, id: a.id })));',
      good: 'await vscode.window.showQuickPick(all.map((a) => ({ label: pickText(a.name), id: a.id })));',
    },
    {
      what: 'a shorthand quick-pick label', finding: 'quick-pick item label needs pickText()',
      bad: 'const item = { label, id };',
      good: 'const item = { label: pickText(label), id };',
    },
    {
      what: 'a quick-pick description', finding: 'quick-pick item description needs pickText()',
      bad: 'const item = { label: "Jane", description: a.email ?? "" };',
      good: 'const item = { label: "Jane", description: pickText(a.email ?? "") };',
    },
    {
      what: 'a quick-pick detail', finding: 'quick-pick item detail needs pickText()',
      bad: 'const item = { label: "Jane", detail: [a.companyName, `id ${a.id}`].filter(Boolean).join(" · ") };',
      good: 'const item = { label: "Jane", detail: pickText([a.companyName, `id ${a.id}`].filter(Boolean).join(" · ")) };',
    },
    {
      what: 'an input box prompt', finding: 'input box prompt needs pickText()',
      bad: 'await vscode.window.showInputBox({ title: "Id", prompt: `The id of an event of ${org.name}` });',
      good: 'await vscode.window.showInputBox({ title: "Id", prompt: pickText(`The id of an event of ${org.name}`) });',
    },
    {
      what: 'a tooltip', finding: 'tooltip needs escapeMarkdown()',
      bad: 'item.tooltip = new vscode.MarkdownString(`**${node.name}**`);',
      good: 'item.tooltip = new vscode.MarkdownString(tooltipMarkdown(node), false);',
    },
    {
      what: 'a tooltip in an object literal', finding: 'tooltip needs escapeMarkdown()',
      bad: 'const button = { iconPath, tooltip: query.name };',
      good: 'const button = { iconPath, tooltip: escapeMarkdown(query.name) };',
    },
    {
      what: 'a helper of another surface', finding: 'showInformationMessage message needs notificationText()',
      bad: 'void vscode.window.showInformationMessage(escapeMarkdown(`Saved ${name}`));',
      good: 'void vscode.window.showInformationMessage(notificationText(`Saved ${name}`));',
    },
    {
      what: 'a localized message with a value filled in', finding: 'showErrorMessage message needs notificationText()',
      bad: 'void vscode.window.showErrorMessage(vscode.l10n.t("Brella said: {0}", error.message), "Show Log");',
      good: 'void vscode.window.showErrorMessage(notificationText(vscode.l10n.t("Brella said: {0}", error.message)), "Show Log");',
    },
    {
      what: 'a localized message that is not a fixed text', finding: 'quick-pick item label needs pickText()',
      bad: 'const item = { label: vscode.l10n.t(a.name) };',
      good: 'const item = { label: pickText(a.name) };',
    },
    {
      what: 'escaped parts joined: they can still meet as [a](command:b)', finding: 'showErrorMessage message needs notificationText()',
      bad: 'void vscode.window.showErrorMessage(`${notificationText(a)}(${notificationText(b)})`);',
      good: 'void vscode.window.showErrorMessage(notificationText(`${a}(${b})`));',
    },
  ];

  for (const c of cases) {
    test(`catches ${c.what}, and passes it once escaped`, () => {
      assert.deepEqual(findingsOf(c.bad), [c.finding]);
      assert.deepEqual(findingsOf(c.good), []);
    });
  }

  test('fixed texts pass: literals, templates without values, and conditionals of them', () => {
    assert.deepEqual(findingsOf([
      'void vscode.window.showInformationMessage("No Brella organization is configured yet.", "Add Organization…");',
      'const item = { label: "$(edit) Type an event id…", description: `any event`, detail: done ? "yes" : undefined };',
      'await vscode.window.withProgress({ location: { viewId: "brella.events" }, title: "Loading attendees from Brella…" }, load);',
      'item.tooltip = markdown(tooltipMarkdown(node));',
      'void vscode.window.showInformationMessage(vscode.l10n.t("No Brella organization is configured yet."), vscode.l10n.t("Add Organization…"));',
      'const item = { label: l10n.t("$(edit) Type an event id…"), description: vscode.l10n.t(`any event`), detail: n === 1 ? vscode.l10n.t("one") : vscode.l10n.t("{0} of {1}", 2, "three") };',
    ].join('\n'), 'features/tree/events-tree.ts'), []);
  });

  test('an OWN value passes only in its file; a wrapper only carries a safe value', () => {
    const pick = 'const item = { label: pickText(organizationLabel(org)), description: String(org.id), org };';
    assert.deepEqual(findingsOf(pick, 'features/kit/pick.ts'), []);
    assert.deepEqual(findingsOf(pick, 'features/kit/other.ts'), ['quick-pick item description needs pickText()']);
    assert.deepEqual(findingsOf('item.tooltip = markdown(node.text);', 'features/tree/events-tree.ts'), ['tooltip needs escapeMarkdown()']);
    assert.deepEqual(findingsOf('item.tooltip = markdown(tooltipMarkdown(node));', 'features/tree/other.ts'), ['tooltip needs escapeMarkdown()']);
  });

  test('objects for screen readers are not quick-pick items', () => {
    assert.deepEqual(findingsOf('item.accessibilityInformation = { label: [item.label, item.description].join(", ") };'), []);
  });

  test('a removed escape is caught (the mutation the real-code test applies)', () => {
    const code = 'void vscode.window.showErrorMessage(notificationText(problem.message), "Show Log");';
    const { escapes } = scan('features/kit/example.ts', code);
    assert.equal(escapes.length, 1);
    const mutated = code.slice(0, escapes[0].start) + escapes[0].argument + code.slice(escapes[0].end);
    assert.equal(mutated, 'void vscode.window.showErrorMessage(problem.message, "Show Log");');
    assert.deepEqual(findingsOf(mutated), ['showErrorMessage message needs notificationText()']);
  });
});
