/**
 * The webviews' texts in VS Code's UI language. The host embeds the extension's l10n bundle in the page
 * (src/protocol/l10n.ts); t() looks the English message up in it, as vscode.l10n.t does on the host, so one bundle
 * translates both sides and the same tooling finds the messages. The bundle is read once, on the first call: the
 * page holds it before the view's script (which comes last in the page), so even a module's constants get their
 * translation. Without one (English), every text is its message.
 */
import { L10N_BUNDLE_ID } from '../../src/protocol/l10n';

let bundle: object | undefined;

/** The page, when there is one (not in the unit tests of modules that call t()): typed here, not by the DOM library. */
type Page = { getElementById(id: string): { textContent: string | null } | null };

/** The message in the UI language, its `{0}`, `{1}`, … filled with `args` (as vscode.l10n.t fills them). */
export function t(message: string, ...args: Array<string | number>): string {
  bundle ??= parseBundle((globalThis as { document?: Page }).document?.getElementById(L10N_BUNDLE_ID)?.textContent);
  return format(bundle, message, args);
}

/** The message's translation in `from` (the message itself when it has none), with `{0}`, `{1}`, … filled in. */
export function format(from: object, message: string, args: ReadonlyArray<string | number>): string {
  const found: unknown = Object.hasOwn(from, message) ? (from as Record<string, unknown>)[message] : message;
  const text = typeof found === 'string' ? found : message;
  return args.length === 0 ? text : text.replace(/\{(\d+)\}/g, (match, i: string) => String(args[Number(i)] ?? match));
}

/** The bundle the page's JSON holds; an empty one when there is none or it is not JSON. */
export function parseBundle(json: string | null | undefined): object {
  try {
    return Object(JSON.parse(json ?? '')) as object;
  } catch {
    return {};
  }
}
