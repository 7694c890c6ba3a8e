/**
 * Every user-visible text of the webviews goes through t() (webview/shared/l10n.ts), so that a translation is one
 * file away, as the host's texts go through vscode.l10n.t (l10n.test.ts, whose scan this test reuses).
 *
 * The scan reads webview/ with the TypeScript compiler and names every string or template with letters that reaches
 * a user-visible place without being the message of `t('…')`:
 * - the element helpers of webview/shared/dom.ts and the report's chart: `text` and `title` of the props given to
 *   h(), tk(), button() and checkbox(), the attributes users read in their `attrs` (aria-label, title, placeholder,
 *   …), h()'s text children, button()'s and checkbox()'s label, svg()'s text and its aria-label;
 * - assignments to `.textContent`, `.title`, `.placeholder`, `.ariaLabel` (and the like), and
 *   `setAttribute('aria-label' | 'title' | …, text)`;
 * - `label`, `title`, `note`, `text`, `name` and `value` of any other object literal (see LABELS): column
 *   definitions, the inspector's fields, sections and actions, a status line, a chart's series, a chooser's options.
 * A text is followed through constants, the functions of webview/ and their parameters, as on the host, and into
 * tables (`LABELS[action]`, `NOUN[kind].title`, `labels[id]` of a parameter); the values t() fills in are checked
 * too. Ids, classes, keys, message types and data are not in those places, so they stay English. What the scan
 * reaches that is data is listed in DATA; what reaches users another way, in UNTRACED; the files not swept yet, in
 * NOT_YET: each with why.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { type Check, scan, type Surfaces, tsFiles, withoutL10n } from './helpers/l10n-scan';
import { root } from './helpers/manifest';

const webview = path.join(root, 'webview');

/**
 * Files the scan does not read yet, each with why. The list is here so that it is seen, and shrinks: take a file
 * off once its texts go through t().
 */
const NOT_YET: ReadonlyArray<{ file: RegExp; why: string }> = [];

/**
 * Texts the scan reaches that are data, not words: each with its file, the text as the scan names it, and why.
 * The test checks that each is still found, so the list stays true.
 */
const DATA: ReadonlyArray<{ file: string; text: string; why: string }> = [
  { file: 'table/format.ts', text: "' UTC'", why: 'the zone after a time in UTC, part of the formatted value (cells, filter, copies)' },
  { file: 'slices/presets.ts', text: '`${target.eventStart}T00:00:00.000Z`', why: 'an ISO instant, which longUtc() formats' },
  { file: 'report/trackables.ts', text: "'UTC'", why: 'the time zone the grid and the stream chart compute in (an IANA name), when the host names none' },
  { file: 'report/format.ts', text: "'T'", why: 'what replace() takes out of an ISO instant' },
];
const isData = (finding: string): boolean => DATA.some((d) => finding.startsWith(`${d.file}:`) && finding.endsWith(`: ${d.text}`));

/** Attributes users read (or hear): set through `attrs`, setAttribute() or svg(). */
const VISIBLE_ATTRS = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt']);
/** Element properties users read, when assigned. */
const VISIBLE_PROPS = new Set(['textContent', 'innerText', 'title', 'placeholder', 'ariaLabel', 'ariaDescription', 'ariaRoleDescription', 'ariaValueText', 'ariaPlaceholder', 'alt']);
/**
 * Properties of an object literal that hold a text shown somewhere: a column's header, an inspector field's name,
 * value and note, a section's title, a status line's text, a chart series' name. Not in a message of the protocol
 * (an object with a `type`, whose texts are data: what is copied, a name sent back) nor in an element's `attrs`
 * (whose `value` is a key).
 */
const LABELS = ['label', 'title', 'note', 'text', 'name', 'value'];

const unwrap = (node: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
};
const props = (object: ts.Expression | undefined): Map<string, ts.Node> => {
  const out = new Map<string, ts.Node>();
  const o = object && unwrap(object);
  if (!o || !ts.isObjectLiteralExpression(o)) return out;
  for (const p of o.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      out.set(p.name.text, ts.isPropertyAssignment(p) ? p.initializer : p.name);
    }
  }
  return out;
};
const isWritten = (node: ts.Expression): boolean => {
  const n = unwrap(node);
  return ts.isStringLiteralLike(n) || ts.isTemplateExpression(n) || ts.isConditionalExpression(n) || ts.isBinaryExpression(n) || ts.isCallExpression(n) && isT(n);
};
const nameOf = (call: ts.CallExpression): string => (ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '');

/** The `text`, `title` and readable attributes of the props of h(), tk(), button(), checkbox(). */
function elementProps(what: string, object: ts.Expression | undefined, check: Check): void {
  const p = props(object);
  check(`${what} text`, p.get('text'));
  check(`${what} title`, p.get('title'));
  for (const [name, value] of props(p.get('attrs') as ts.Expression | undefined)) if (VISIBLE_ATTRS.has(name)) check(`${what} ${name}`, value);
}

/** The props given to an element helper, which the call's own check reads. */
function isElementProps(node: ts.ObjectLiteralExpression): boolean {
  let arg: ts.Node = node;
  while (ts.isParenthesizedExpression(arg.parent) || ts.isAsExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  return ts.isCallExpression(call) && call.arguments[1] === arg && ['h', 'tk', 'button', 'checkbox', 'svg'].includes(nameOf(call));
}

/** The `attrs` of an element's props, or an object given as attributes. */
const isAttrs = (node: ts.ObjectLiteralExpression): boolean => ts.isPropertyAssignment(node.parent) && ts.isIdentifier(node.parent.name) && node.parent.name.text === 'attrs';

function webviewSites(node: ts.Node, check: Check): void {
  if (ts.isCallExpression(node)) {
    const name = nameOf(node);
    const [first, second, third] = node.arguments;
    if (ts.isIdentifier(node.expression) && (name === 'h' || name === 'tk')) {
      elementProps(`${name}()`, second, check);
      // A text child written there (elements and lists of them are not followed).
      for (const child of node.arguments.slice(2)) if (isWritten(child)) check(`${name}() child`, child);
    } else if (ts.isIdentifier(node.expression) && (name === 'button' || name === 'checkbox')) {
      check(`${name}() label`, first);
      elementProps(`${name}()`, second, check);
    } else if (ts.isIdentifier(node.expression) && name === 'svg') {
      for (const [attr, value] of props(second)) if (VISIBLE_ATTRS.has(attr)) check(`svg() ${attr}`, value);
      check('svg() text', third);
    } else if (name === 'setAttribute' && first && ts.isStringLiteralLike(first) && VISIBLE_ATTRS.has(first.text)) {
      check(`setAttribute ${first.text}`, second);
    }
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && VISIBLE_PROPS.has(node.left.name.text)) {
    check(`.${node.left.name.text} =`, node.right);
  } else if (ts.isObjectLiteralExpression(node) && !isElementProps(node) && !isAttrs(node)) {
    const p = props(node);
    if (!p.has('type')) for (const key of LABELS) check(`${key} (object)`, p.get(key));
  }
}

/** The name t() has in a file: `t`, or what it is imported as (`import { t as l10n } from '../shared/l10n'`). */
const localNames = new WeakMap<ts.SourceFile, string>();
function localizerIn(sf: ts.SourceFile): string {
  let name = localNames.get(sf);
  if (name === undefined) {
    name = 't';
    for (const s of sf.statements) {
      const named = ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && /(^|\/)l10n$/.test(s.moduleSpecifier.text) ? s.importClause?.namedBindings : undefined;
      if (named && ts.isNamedImports(named)) for (const e of named.elements) if ((e.propertyName ?? e.name).text === 't') name = e.name.text;
    }
    localNames.set(sf, name);
  }
  return name;
}
const isT = (call: ts.CallExpression): boolean => ts.isIdentifier(call.expression) && call.expression.text === localizerIn(call.getSourceFile());
const WEBVIEW: Surfaces = { localizes: isT, sites: webviewSites, tables: true };

const relative = (file: string): string => path.posix.relative(webview.split(path.sep).join('/'), file);
const skipped = (file: string): boolean => NOT_YET.some((n) => n.file.test(relative(file)));
const sources = (): Map<string, string> => new Map(tsFiles(webview).map((f) => [f.split(path.sep).join('/'), readFileSync(f, 'utf8')]));
const base = webview.split(path.sep).join('/');

describe('texts of the webviews', () => {
  const files = sources();
  const result = scan(files, (f) => !skipped(f), base, WEBVIEW);

  test('every text with letters that reaches a user-visible place goes through t()', () => {
    assert.deepEqual(result.findings.filter((f) => !isData(f)), []);
  });

  test('each text listed as data is still found where it is said to be', () => {
    for (const d of DATA) assert.ok(result.findings.some((f) => f.startsWith(`${d.file}:`) && f.endsWith(`: ${d.text}`)), `${d.file} ${d.text}: take it off DATA`);
  });

  test('the files not swept yet are listed, each with a reason, and exist', () => {
    for (const n of NOT_YET) {
      assert.ok(n.why.trim() !== '');
      assert.ok([...files.keys()].some((f) => n.file.test(relative(f))), `${String(n.file)} matches no file of webview/: take it off the list`);
    }
  });

  test('each kind of place is found in the real code', () => {
    const total = (prefix: string): number => Object.entries(result.sites).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    const expected: Record<string, number> = {
      'h() text': 40, 'h() title': 5, 'h() aria-label': 20, 'h() placeholder': 2, 'h() child': 1, 'tk()': 5, 'button() label': 25, 'button() title': 20,
      'checkbox() label': 2, 'svg() aria-label': 2, 'svg() text': 5, 'setAttribute aria-': 3, '.textContent =': 35, '.title =': 3, 'label (object)': 100, 'title (object)': 30,
    };
    for (const [prefix, least] of Object.entries(expected)) assert.ok(total(prefix) >= least, `${prefix}: ${total(prefix)} < ${least}\n${JSON.stringify(result.sites, null, 1)}`);
  });

  test('each text listed as untraced is still a t() message of its file', () => {
    for (const u of UNTRACED) {
      const text = files.get(`${base}/${u.file}`) ?? '';
      assert.ok(withoutL10n(text, (message) => message !== u.message, isT).lines.length > 0, `${u.file} has no t('${u.message}'): take it off UNTRACED`);
    }
  });

  test('every t() of the swept files is caught once it is taken out (but those the scan cannot follow)', () => {
    const real = sources();
    const expected: string[] = [];
    for (const [file, text] of real) {
      if (skipped(file)) continue;
      const stripped = withoutL10n(text, (message) => UNTRACED.some((u) => u.file === relative(file) && u.message === message), isT);
      if (stripped.lines.length === 0) continue;
      real.set(file, stripped.text);
      expected.push(...stripped.lines.map((line) => `${relative(file)}:${line}`));
    }
    const reported = scan(real, (f) => !skipped(f), base, WEBVIEW).findings.filter((f) => !isData(f)).map((f) => f.split(' ')[0]);
    assert.ok(expected.length > 150, `${expected.length} texts taken out`);
    const missed = expected.filter((at, i) => reported.filter((r) => r === at).length < expected.slice(0, i + 1).filter((e) => e === at).length);
    assert.deepEqual(missed, [], 'texts taken out of t() that the scan does not report: follow them, or list them in UNTRACED');
  });
});

/** Localized texts that reach users by a way the scan does not follow (taking their t() out is not reported). */
const UNTRACED: ReadonlyArray<{ file: string; message: string; why: string }> = [
  { file: 'report/columns.ts', message: 'yes', why: 'a cell of a yes/no column, returned to the grid by the column\'s get()' },
  { file: 'report/columns.ts', message: 'no', why: 'a cell of a yes/no column, returned to the grid by the column\'s get()' },
  { file: 'report/columns.ts', message: 'UTC', why: 'the zone an Excel export\'s headers name, handed to shownTable()' },
  { file: 'report/columns.ts', message: 'local time', why: 'the zone an Excel export\'s headers name, handed to shownTable()' },
  { file: 'report/columns.ts', message: 'local time {0}', why: 'the zone an Excel export\'s headers name, handed to shownTable()' },
  { file: 'slices/shown.ts', message: 'times in {0}', why: 'the end of the summary line, handed to StatusView.setSummary()' },
  { file: 'slices/state.ts', message: 'The attendee', why: 'a name in the state\'s empty result, said by empty.ts' },
  { file: 'slices/values.ts', message: '{0}: too long; use at most {1} values of {2} characters, or {3} characters of text', why: 'a problem, shown at its field by the form' },
  { file: 'table/group.ts', message: '(empty)', why: 'a group\'s label (a getter), shown in its header row' },
];

describe('the webview scan can fail', () => {
  const findingsOf = (sources: Record<string, string>): string[] =>
    scan(new Map(Object.entries(sources).map(([f, text]) => [`/w/webview/${f}`, text])), (f) => !f.includes('/skipped/'), '/w/webview', WEBVIEW)
      .findings.map((f) => f.replace(/:\d+ /, ' '));

  const cases: Array<{ what: string; bad: string; found: string[]; good: string }> = [
    {
      what: 'an element\'s text, title and aria-label, and a text child',
      bad: 'h("p", { className: "note", text: "No rows yet.", title: `${n} rows`, attrs: { role: "status", "aria-label": "Status" } }, "Loading…");',
      found: ['a.ts h() text: "No rows yet."', 'a.ts h() title: `${n} rows`', 'a.ts h() aria-label: "Status"', 'a.ts h() child: "Loading…"'],
      good: 'h("p", { className: "note", text: t("No rows yet."), title: t("{0} rows", n), attrs: { role: "status", "aria-label": t("Status") } }, t("Loading…"));',
    },
    {
      what: 'a button\'s label and a checkbox\'s, a placeholder',
      bad: 'button("Run", { id: "run", title: "Run the query" }, run);\ncheckbox("Pinned");\nh("input", { attrs: { type: "search", placeholder: "Filter rows" } });',
      found: ['a.ts button() label: "Run"', 'a.ts button() title: "Run the query"', 'a.ts checkbox() label: "Pinned"', 'a.ts h() placeholder: "Filter rows"'],
      good: 'button(t("Run"), { id: "run", title: t("Run the query") }, run);\ncheckbox(t("Pinned"));\nh("input", { attrs: { type: "search", placeholder: t("Filter rows") } });',
    },
    {
      what: 'assignments, setAttribute and svg()',
      bad: 'status.textContent = busy ? "Running…" : `${n} slices`;\nel.title = "Copy";\nel.setAttribute("aria-label", "Chart");\nsvg("title", {}, `Day ${d}`);',
      found: ['a.ts .textContent =: "Running…"', 'a.ts .textContent =: `${n} slices`', 'a.ts .title =: "Copy"', 'a.ts setAttribute aria-label: "Chart"', 'a.ts svg() text: `Day ${d}`'],
      good: 'status.textContent = busy ? t("Running…") : t("{0} slices", n);\nel.title = t("Copy");\nel.setAttribute("aria-label", t("Chart"));\nsvg("title", {}, t("Day {0}", d));',
    },
    {
      what: 'entries of tables, a function named as a label, a status line, and t() imported under another name',
      bad: [
        'const LABELS = { retry: "Retry", showLog: "Show Log" };', 'const NOUN = { sponsor: { one: "booth" } };',
        'function hours(s: number) { return `${s} h`; }', 'export function tabs(labels: Record<string, string>, id: string) { return h("button", { text: labels[id] }); }',
        'button(LABELS[a], {}, run);', 'h("h2", { text: NOUN[kind].one });', 'const series = [{ name: "Stream time", label: hours }];', 'tabs({ a: "Attendees" }, "a");',
        'const status = { text: "Failed", busy: false };',
      ].join('\n'),
      found: [
        'a.ts button() label: "Retry"', 'a.ts button() label: "Show Log"', 'a.ts h() text: "booth"', 'a.ts label (object): `${s} h`',
        'a.ts name (object): "Stream time"', 'a.ts h() text (through tabs()): "Attendees"', 'a.ts text (object): "Failed"',
      ],
      good: [
        'import { t as l10n } from "../shared/l10n";',
        'const LABELS = { retry: l10n("Retry"), showLog: l10n("Show Log") };', 'const NOUN = { sponsor: { one: l10n("booth") } };',
        'function hours(s: number) { return l10n("{0} h", s); }', 'export function tabs(labels: Record<string, string>, id: string) { return h("button", { text: labels[id] }); }',
        'button(LABELS[a], {}, run);', 'h("h2", { text: NOUN[kind].one });', 'const series = [{ name: l10n("Stream time"), label: hours }];', 'tabs({ a: l10n("Attendees") }, "a");',
        'const status = { text: l10n("Failed"), busy: false };',
      ].join('\n'),
    },
    {
      what: 'column labels, through a constant, and a value filled into t()',
      bad: 'const START = "Start";\nexport const COLUMNS = [{ key: "start", label: START }, { key: "end", label: "End" }];\nel.textContent = t("{0} of {1}", "first", n);',
      found: ['a.ts label (object): "Start"', 'a.ts label (object): "End"', 'a.ts .textContent =: "first"'],
      good: 'const START = t("Start");\nexport const COLUMNS = [{ key: "start", label: START }, { key: "end", label: t("End") }];\nel.textContent = t("{0} of {1}", first, n);',
    },
  ];
  for (const c of cases) {
    test(`finds ${c.what}, and passes it once localized`, () => {
      assert.deepEqual(findingsOf({ 'a.ts': c.bad }).sort(), [...c.found].sort());
      assert.deepEqual(findingsOf({ 'a.ts': c.good }), []);
    });
  }

  test('follows parameters across files, and leaves ids, classes, keys, data and the files it does not read alone', () => {
    const files = {
      'dom.ts': 'export function field(label: string, value: string) {\n  return h("div", { className: "field", attrs: { "data-key": "start-time" } }, h("dt", { text: label }), h("dd", { text: value }));\n}',
      'b.ts': 'import { field } from "./dom";\nfield("Start", row.start);\nfield(t("End"), "2023-05-10");\nel.setAttribute("aria-expanded", "false");\npost({ type: "copyCurl", text: "curl" });\nel.className = "bt-cell";',
      'skipped/c.ts': 'import { field } from "../dom";\nfield("Not read", "here");',
    };
    assert.deepEqual(findingsOf(files), ['b.ts h() text (through field()): "Start"']);
  });
});
