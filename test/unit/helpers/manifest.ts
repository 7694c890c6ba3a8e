/**
 * The extension manifest as tests read it. package.json writes every user-visible text as a `%key%` placeholder
 * whose English lives in package.nls.json; VS Code (and vsce) put the text in place. manifest() does the same, so a
 * test asserts on the texts users see.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');

/** A string that is exactly one placeholder, as VS Code replaces them: `%command.refresh.title%`. */
export const PLACEHOLDER = /^%([^%\s]+)%$/;

const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

/** package.json as written, with its placeholders. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rawManifest = (): any => readJson('package.json');

/** package.nls.json: the English text of each placeholder key. */
export const manifestStrings = (): Record<string, string> => readJson('package.nls.json') as Record<string, string>;

/** Every placeholder of `value` replaced by its text; a placeholder without a text throws. */
export function localize<T>(value: T, strings: Record<string, string>): T {
  if (typeof value === 'string') {
    const key = PLACEHOLDER.exec(value)?.[1];
    if (key === undefined) return value;
    if (!Object.hasOwn(strings, key)) throw new Error(`package.nls.json has no text for %${key}%`);
    return strings[key] as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => localize(v, strings)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, strings)])) as T;
  }
  return value;
}

/** package.json with every placeholder replaced by its English text, as VS Code shows it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const manifest = (): any => localize(rawManifest(), manifestStrings());

/** Keys whose strings users read (in VS Code or on the Marketplace), wherever they sit in `contributes`. */
const VISIBLE_KEYS = new Set([
  'title', 'shortTitle', 'category', 'contextualTitle', 'contents', 'description', 'markdownDescription', 'enumDescriptions',
  'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage', 'errorMessage', 'patternErrorMessage', 'label',
  'altText', 'displayName',
]);
/** Subtrees that hold values rather than texts about them: a setting's default, a snippet's body, ids, clauses. */
const VALUE_KEYS = new Set(['default', 'body', 'enum', 'const', 'examples', 'when', 'command', 'id', 'icon']);

/**
 * Every user-visible string of a manifest, by where it sits: `displayName`, `description`, the texts of
 * `capabilities` and of `contributes` (titles, categories, view names, welcome contents, setting descriptions and
 * enum descriptions, snippet labels, walkthroughs and their steps, …).
 */
export function visibleFields(pkg: Record<string, unknown>): Array<{ path: string; key: string; value: unknown }> {
  const found: Array<{ path: string; key: string; value: unknown }> = [];
  for (const key of ['displayName', 'description']) if (key in pkg) found.push({ path: key, key, value: pkg[key] });
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (VALUE_KEYS.has(key)) continue;
      const visible = VISIBLE_KEYS.has(key) || (key === 'name' && /^contributes\.views\.[^[]+\[\d+\]$/.test(at));
      const texts = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : [value];
      if (visible && texts.every((v) => typeof v === 'string')) {
        texts.forEach((v, i) => found.push({ path: texts === value ? `${at}.${key}[${i}]` : `${at}.${key}`, key, value: v }));
      } else {
        walk(value, `${at}.${key}`);
      }
    }
  };
  walk(pkg.capabilities, 'capabilities');
  walk(pkg.contributes, 'contributes');
  return found;
}
