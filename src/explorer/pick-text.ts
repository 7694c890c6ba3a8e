/**
 * Text for quick picks. VS Code draws `$(name)` in a quick pick's label, description and detail as an icon, so a
 * name from settings or Brella such as "$(warning) Urgent" would turn into one: a zero-width space after the `$`
 * keeps it as written. No `vscode` import.
 */
export function pickText(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
