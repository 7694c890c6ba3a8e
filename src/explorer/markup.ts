/**
 * Text that others typed (attendees' names, emails and companies; event names; error details from the server;
 * names in settings a workspace may have written) shown in VS Code's markup surfaces as text, never as markup.
 * The one home of that escaping: every such surface takes its text through the function for it, and
 * test/unit/markup-surfaces.test.ts reads src/ and names each call that does not. No `vscode` import.
 *
 * | Surface                                                         | VS Code renders          | Function           |
 * | --------------------------------------------------------------- | ------------------------ | ------------------ |
 * | show*Message; withProgress title and progress.report message in  | `[x](command:…)` links   | notificationText() |
 * | ProgressLocation.Notification                                   |                          |                    |
 * | quick-pick item label, description, detail; input-box prompt;   | `$(icon)` codicons, and  | pickText()         |
 * | progress text shown in the status bar (ProgressLocation.Window) | links in prompts         |                    |
 * | tooltips (a MarkdownString)                                     | Markdown                 | escapeMarkdown()   |
 *
 * Quick-pick and input-box titles and placeholders are drawn as plain text (the DOM's textContent and an input's
 * placeholder attribute), as are tree labels, descriptions and string tooltips: no escaping there, since an escape
 * would show as a stray backslash.
 */

/**
 * Escapes text for a Markdown string (a tooltip): it renders as the same characters, never as markup. Every ASCII
 * punctuation character is backslash-escaped (CommonMark lets any of them be escaped), so no link, image, HTML tag,
 * emphasis, autolink or `$(icon)` can form, and line breaks become spaces so the text cannot start a heading, list
 * or block of its own.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Makes a message safe for showErrorMessage and its kin, and for a notification's progress title and message: no
 * link (or command link) can form in it. Notifications turn `[text](https:…|command:…|file:…)` into links and have
 * no escape for it, so the pattern is broken where it joins: `](` becomes `] (`. The words stay as written.
 * Notifications draw `$(icon)` as written, so it is left alone.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/**
 * VS Code's codicon syntax, `$(name)` or `$(name~modifier)` (ThemeIcon.iconNameExpression and
 * iconModifierExpression), optionally preceded by the backslash that keeps it as text.
 */
const ICON = /\\?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * Text for a quick-pick item's label, description and detail, an input box's prompt and a status-bar progress
 * text: VS Code draws `$(name)` there as an icon, and a prompt also turns `[text](command:…)` into a link. Every
 * icon-shaped `$(…)` gets a backslash before it, as VS Code's own escapeIcons() does, so it shows as written; one
 * that already has a backslash gets another, so that backslash shows too. Links are broken as notificationText()
 * breaks them.
 */
export function pickText(text: string): string {
  return notificationText(text).replace(ICON, '\\$&');
}
