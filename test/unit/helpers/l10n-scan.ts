/**
 * The scan behind test/unit/l10n.test.ts: reads TypeScript sources with the compiler and names every text with
 * letters that reaches a user-visible VS Code call without `vscode.l10n.t('…')`. That test's header says which calls
 * and how a text is followed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { root } from './manifest';

export const src = path.join(root, 'src');
/** Markup helpers (src/explorer/markup.ts): a text passes through them to its surface. */
const HELPERS = new Set(['notificationText', 'pickText', 'escapeMarkdown']);
/** Methods that make a text from their object and arguments: `[a, b].filter(Boolean).join(' · ')`. */
const TEXT_METHODS = new Set(['join', 'filter', 'map', 'slice', 'concat', 'trim', 'replace', 'replaceAll', 'toString', 'padStart', 'padEnd', 'toUpperCase', 'toLowerCase']);
/** Properties whose assigned text users read: tree items, quick picks and input boxes made with create*, panels. */
const ASSIGNED = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeholder', 'prompt', 'validationMessage']);

const unwrap = (node: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
  return node;
};
const property = (object: ts.Expression | undefined, name: string): ts.Expression | undefined => {
  const o = object && unwrap(object);
  if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) {
      return ts.isPropertyAssignment(p) ? p.initializer : p.name;
    }
  }
  return undefined;
};
/** The key a parameter is derived with when a text is one of its entries (`labels[id]`). */
const ENTRIES = '[]';
/** The values of an object literal, the items of an array literal; none for anything else. */
const entryNodes = (table: ts.Expression): ts.Node[] => {
  const t = unwrap(table);
  if (ts.isArrayLiteralExpression(t)) return [...t.elements];
  if (!ts.isObjectLiteralExpression(t)) return [];
  return t.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [p.initializer] : ts.isShorthandPropertyAssignment(p) ? [p.name] : []));
};
const calleeName = (call: ts.CallExpression): string => {
  const callee = call.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
};
export const isL10n = (call: ts.CallExpression): boolean => /(^|\.)l10n\.t$/.test(call.expression.getText());
const hasLetters = (text: string): boolean => /\p{L}/u.test(text);

/** What a function-like node returns: an arrow's expression, or its return statements (not those of inner functions). */
function returns(fn: ts.Node): ts.Expression[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
  const found: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) found.push(n.expression);
    else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  if (ts.isFunctionLike(fn) && 'body' in fn && fn.body) ts.forEachChild(fn.body, visit);
  return found;
}

/** Where a scan looks for user-visible texts, and what localizes a text. */
export interface Surfaces {
  /** Whether this call localizes its first argument (the English message); the values it fills in are checked too. */
  localizes(call: ts.CallExpression): boolean;
  /** Names each user-visible value at `node` with `check(where, value)`; called for every node of the scanned files. */
  sites(node: ts.Node, check: Check): void;
  /**
   * Follow a text into tables too: an entry (`LABELS[action]`, `labels[id]` of a parameter), a field of an entry
   * (`NOUN[kind].title`), a function named where a text goes (`label: hours`).
   */
  tables?: boolean;
}
export type Check = (where: string, value: ts.Node | undefined) => void;

/** The extension host's surfaces: VS Code's notifications, inputs, quick picks, progress, tree items, panels. */
function hostSites(node: ts.Node, check: Check): void {
  const input = (options: ts.Expression | undefined, what: string): void => {
    for (const key of ['title', 'prompt', 'placeHolder']) check(`${what} ${key}`, property(options, key));
    const validate = property(options, 'validateInput');
    if (validate && (ts.isArrowFunction(validate) || ts.isFunctionExpression(validate))) for (const r of returns(validate)) check('input box validation', r);
  };

  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    const [first, second] = node.arguments;
    if (/^show(Error|Warning|Information)Message$/.test(name)) {
      check('notification message', first);
      for (const a of node.arguments.slice(1)) if (ts.isObjectLiteralExpression(unwrap(a))) check('notification detail', property(a, 'detail')); else check('notification button', a);
    } else if (name === 'showInputBox') input(first, 'input box');
    else if (name === 'showQuickPick') {
      check('quick pick items', first);
      input(second, 'quick pick');
    } else if (name === 'withProgress') check('progress title', property(first, 'title'));
    else if (name === 'report' && property(first, 'message')) check('progress message', property(first, 'message'));
    else if (name === 'showSaveDialog' || name === 'showOpenDialog') for (const key of ['title', 'saveLabel', 'openLabel']) check(`dialog ${key}`, property(first, key));
    else if (name === 'createWebviewPanel') check('panel title', second);
  } else if (ts.isNewExpression(node) && /(^|\.)TreeItem$/.test(node.expression.getText())) {
    check('tree item label', node.arguments?.[0]);
  } else if (ts.isObjectLiteralExpression(node)) {
    const parent = node.parent;
    const spoken = (ts.isPropertyAssignment(parent) || ts.isBinaryExpression(parent)) && /accessibilityInformation$/.test((ts.isPropertyAssignment(parent) ? parent.name : parent.left).getText());
    if (property(node, 'label') && !spoken) for (const key of ['label', 'description', 'detail']) check(`quick pick item ${key}`, property(node, key));
    if (property(node, 'command') && property(node, 'title')) check('command title', property(node, 'title'));
    if (property(node, 'severity') && property(node, 'message')) check('input box validation', property(node, 'message'));
    const type = property(node, 'type');
    if (type && ts.isStringLiteral(type) && type.text === 'notice') check('panel notice', property(node, 'text'));
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && ASSIGNED.has(node.left.name.text)) {
    check(`${node.left.name.text} (assigned)`, node.right);
  }
}

export const HOST: Surfaces = { localizes: isL10n, sites: hostSites };

/** Sources already parsed, by path and text: a second scan of mostly the same files reads each once. */
const parsed = new Map<string, ts.SourceFile>();

/**
 * Scans `files` (path → source; paths as the program sees them) and names each unlocalized text that reaches a
 * user-visible site (of `surfaces`, the host's by default) in a file `scanned` accepts. Also counts the sites found,
 * by kind.
 */
export function scan(files: Map<string, string>, scanned: (file: string) => boolean, base = src, surfaces: Surfaces = HOST): { findings: string[]; sites: Record<string, number> } {
  const options: ts.CompilerOptions = { noLib: true, noEmit: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, language) => {
    const text = files.get(name);
    if (text === undefined) return undefined;
    const key = `${name}\n${text}`;
    if (!parsed.has(key)) parsed.set(key, ts.createSourceFile(name, text, language, true));
    return parsed.get(key);
  };
  host.fileExists = (name) => files.has(name);
  host.readFile = (name) => files.get(name);
  host.directoryExists = (dir) => [...files.keys()].some((f) => f.startsWith(`${dir}/`));
  const program = ts.createProgram([...files.keys()], options, host);
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((sf) => files.has(sf.fileName) && scanned(sf.fileName));
  const inScope = (node: ts.Node): boolean => scanned(node.getSourceFile().fileName);
  const findings = new Map<string, string>();
  const sites: Record<string, number> = {};

  /** The function a declaration names (a function, a method, or a constant holding an arrow or function expression). */
  const functionOf = (decl: ts.Declaration | undefined): ts.FunctionLikeDeclaration | undefined => {
    if (decl && (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl))) return decl;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) return decl.initializer;
    return undefined;
  };
  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  };
  const declOf = (node: ts.Node): ts.Declaration | undefined => {
    const symbol = symbolOf(node);
    return symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  };
  const calls = new Map<ts.Node, ts.CallExpression[]>();
  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const fn = functionOf(declOf(ts.isPropertyAccessExpression(n.expression) ? n.expression.name : n.expression));
        if (fn) calls.set(fn, [...(calls.get(fn) ?? []), n]);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  /** Parameters (or a property of one) that reach a site: every call's argument there is a site too. */
  const derived = new Set<string>();
  const queue: Array<{ fn: ts.FunctionLikeDeclaration; index: number; rest: boolean; key?: string; where: string }> = [];
  const derive = (parameter: ts.ParameterDeclaration, where: string, key?: string): void => {
    const fn = parameter.parent;
    if (!ts.isFunctionLike(fn) || !calls.has(fn)) return;
    const index = fn.parameters.indexOf(parameter);
    const id = `${fn.getSourceFile().fileName}:${fn.pos}:${index}:${key ?? ''}`;
    if (derived.has(id)) return;
    derived.add(id);
    queue.push({ fn: fn as ts.FunctionLikeDeclaration, index, rest: !!parameter.dotDotDotToken, ...(key ? { key } : {}), where });
  };

  /** The texts with letters in `raw` that no l10n.t call localizes. */
  const texts = (raw: ts.Node | undefined, where: string, seen: Set<ts.Node>): ts.Node[] => {
    if (!raw || seen.has(raw)) return [];
    seen.add(raw);
    const node = ts.isExpression(raw) ? unwrap(raw) : raw;
    const walk = (n: ts.Node | undefined): ts.Node[] => texts(n, where, seen);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasLetters(node.text) ? [node] : [];
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      return [...(parts.some(hasLetters) ? [node] : []), ...node.templateSpans.flatMap((s) => walk(s.expression))];
    }
    if (ts.isConditionalExpression(node)) return [...walk(node.whenTrue), ...walk(node.whenFalse)];
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...walk(node.left), ...walk(node.right)];
      return op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken ? walk(node.right) : [];
    }
    if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap(walk);
    if (ts.isSpreadElement(node)) return walk(node.expression);
    if (ts.isArrowFunction(node)) return ts.isBlock(node.body) ? [] : walk(node.body);
    if (ts.isCallExpression(node)) {
      if (surfaces.localizes(node)) return node.arguments.slice(1).flatMap(walk);
      if (ts.isIdentifier(node.expression) && HELPERS.has(node.expression.text)) return walk(node.arguments[0]);
      const fn = functionOf(declOf(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression));
      // A function of these files: what it returns is the text (its parameters become sites through derive()).
      if (fn && inScope(fn)) return returns(fn).flatMap(walk);
      // String and array methods, and String(), make their text from what they are given; other functions are
      // their module's business (a pure module's texts are data to this scan).
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && TEXT_METHODS.has(callee.name.text)) return [...walk(callee.expression), ...node.arguments.flatMap(walk)];
      return ts.isIdentifier(callee) && callee.text === 'String' ? node.arguments.flatMap(walk) : [];
    }
    // An entry of a table of texts: `LABELS[action]`, `months()[i]`, `labels[id]` (a parameter: each caller's table).
    if (surfaces.tables && ts.isElementAccessExpression(node)) return entries(node.expression, where, seen);
    // A field of an entry of a table (`NOUN[kind].title`), or of a constant that holds one (`noun.one`).
    if (surfaces.tables && ts.isPropertyAccessExpression(node) && (ts.isElementAccessExpression(unwrap(node.expression)) || ts.isIdentifier(node.expression))) {
      const found = fieldOf(node.expression, node.name.text).flatMap(walk);
      if (found.length > 0) return found;
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      const base = ts.isPropertyAccessExpression(node) ? node.expression : node;
      const decl = ts.isIdentifier(base) ? declOf(base) : undefined;
      const key = ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
      if (decl && ts.isParameter(decl) && inScope(decl)) derive(decl, where, key);
      else if (decl && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isParameter(decl.parent.parent) && !key) {
        derive(decl.parent.parent, where, (decl.propertyName ?? decl.name).getText());
      } else if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && inScope(decl) && !key) return walk(decl.initializer);
      // A function of these files given where a text goes (`label: hours`): what it returns is the text.
      else if (surfaces.tables && decl && ts.isFunctionDeclaration(decl) && inScope(decl) && !key) return returns(decl).flatMap(walk);
    }
    return [];
  };

  /** The tables (object and array literals) `raw` names: a literal, a constant holding one, what a function returns. */
  const tables = (raw: ts.Expression, depth = 0): ts.Expression[] => {
    const node = unwrap(raw);
    if (depth > 4) return [];
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return [node];
    if (ts.isCallExpression(node)) {
      const fn = functionOf(declOf(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression));
      return fn && inScope(fn) ? returns(fn).flatMap((r) => tables(r, depth + 1)) : [];
    }
    if (ts.isElementAccessExpression(node)) return tables(node.expression, depth + 1).flatMap((t) => entryNodes(t).flatMap((e) => tables(e as ts.Expression, depth + 1)));
    const decl = ts.isIdentifier(node) ? declOf(node) : undefined;
    return decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && inScope(decl) && decl.initializer ? tables(decl.initializer, depth + 1) : [];
  };
  /** The values of the field `key` of the tables `raw` names (none when it names no object literal). */
  const fieldOf = (raw: ts.Expression, key: string): ts.Node[] =>
    tables(raw).flatMap((t) => (ts.isObjectLiteralExpression(t) ? [property(t, key)].filter((v): v is ts.Expression => v !== undefined) : []));

  /** The texts of the entries of the table `raw` names: an object's values, an array's items. */
  const entries = (raw: ts.Expression, where: string, seen: Set<ts.Node>): ts.Node[] => {
    const node = unwrap(raw);
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) return entryNodes(node).flatMap((n) => texts(n, where, seen));
    if (ts.isCallExpression(node)) {
      const fn = functionOf(declOf(ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression));
      return fn && inScope(fn) ? returns(fn).flatMap((r) => entries(r, where, seen)) : [];
    }
    const decl = ts.isIdentifier(node) ? declOf(node) : undefined;
    if (decl && ts.isParameter(decl) && inScope(decl)) derive(decl, where, ENTRIES);
    else if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && inScope(decl) && decl.initializer) return entries(decl.initializer, where, seen);
    return [];
  };

  const check = (where: string, value: ts.Node | undefined): void => {
    if (!value) return;
    sites[where] = (sites[where] ?? 0) + 1;
    for (const leak of texts(value, where, new Set())) {
      const sf = leak.getSourceFile();
      const line = sf.getLineAndCharacterOfPosition(leak.getStart()).line + 1;
      findings.set(`${sf.fileName}:${leak.pos}`, `${path.posix.relative(base, sf.fileName)}:${line} ${where}: ${leak.getText().replace(/\s+/g, ' ')}`);
    }
  };
  const visit = (node: ts.Node): void => {
    surfaces.sites(node, check);
    ts.forEachChild(node, visit);
  };
  for (const sf of sources) visit(sf);

  for (let next = queue.shift(); next; next = queue.shift()) {
    const { fn, index, rest, key, where } = next;
    const name = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name?.getText() : fn.parent.getChildAt(0).getText();
    for (const call of calls.get(fn) ?? []) {
      for (const argument of rest ? call.arguments.slice(index) : [call.arguments[index]]) {
        const at = `${where.replace(/ \(through .*\)$/, '')} (through ${name}())`;
        if (key === ENTRIES) for (const entry of argument ? entryNodes(argument) : []) check(at, entry);
        else check(at, key ? property(argument, key) : argument);
      }
    }
  }
  return { findings: [...findings.values()].sort(), sites };
}

/** Files the lint keeps free of `vscode`, read from eslint.config.mjs: the block that forbids importing it. */
export function vscodeFree(): RegExp[] {
  const sf = ts.createSourceFile('eslint.config.mjs', readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8'), ts.ScriptTarget.Latest, true);
  const globs: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n) && /no-restricted-imports[\s\S]*name: 'vscode'/.test(n.getText())) {
      const files = property(n, 'files');
      if (files && ts.isArrayLiteralExpression(files)) for (const e of files.elements) if (ts.isStringLiteral(e)) globs.push(e.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // A glob as a regular expression: `**/` is any folders (none too), `*` anything within one name.
  const pattern = (glob: string): string => glob.split('**/').map((part) => part.split('*').map((t) => t.replace(/[.+^${}()|[\]\\?]/g, '\\$&')).join('[^/]*')).join('(?:.*/)?');
  return globs.map((g) => new RegExp(`^${pattern(g)}$`));
}

/**
 * The files of src/ the scan reads: all but those the lint keeps free of `vscode` and src/config (the settings
 * readers, whose texts are problems and default names composed from data).
 */
export function scanned(): (file: string) => boolean {
  const free = vscodeFree();
  return (file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    return !relative.startsWith('src/config/') && !free.some((glob) => glob.test(relative));
  };
}

export const tsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []));

/** Each outermost `l10n.t(…)` (or what `localizes`) of a file put back as the plain text it localizes (a template when it fills values in). */
export function withoutL10n(text: string, keep: (message: string) => boolean = () => false, localizes = isL10n): { text: string; lines: number[] } {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    const message = ts.isCallExpression(n) && localizes(n) && n.arguments[0] && ts.isStringLiteral(n.arguments[0]) ? n.arguments[0].text : undefined;
    if (message === undefined) ts.forEachChild(n, visit);
    else if (!keep(message)) found.push(n as ts.CallExpression);
  };
  visit(sf);
  let out = text;
  for (const call of [...found].reverse()) {
    const [message, ...values] = call.arguments;
    const plain = (message as ts.StringLiteral).text.replace(/[`\\$]/g, '\\$&').replace(/\{(\d+)\}/g, (_, i: string) => `\${${values[Number(i)].getText()}}`);
    out = out.slice(0, call.getStart()) + `\`${plain}\`` + out.slice(call.getEnd());
  }
  return { text: out, lines: found.map((c) => sf.getLineAndCharacterOfPosition(c.getStart()).line + 1) };
}
