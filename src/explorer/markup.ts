/**
 * Text that others typed (attendees' names, emails and companies; error details from the server) shown in VS Code's
 * markup surfaces as text, never as markup. No `vscode` import.
 *
 * - Tooltips are Markdown: every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be
 *   escaped), so no link, image, HTML tag, emphasis or autolink can form, and line breaks become spaces so the
 *   text cannot start a heading, list or block of its own.
 * - Notifications are not Markdown, but they turn `[text](https:…|command:…|file:…)` into links. No escape
 *   exists there, so the pattern is broken where it joins: `](` becomes `] (`. The words stay as written.
 */

/** Escapes text for a Markdown string (a tooltip): it renders as the same characters, never as markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Makes a message safe for showErrorMessage and its kin: no link (or command link) can form in it. */
export function notificationText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}
