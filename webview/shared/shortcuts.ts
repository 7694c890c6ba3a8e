/**
 * The panel's keyboard shortcuts inside its page (src/protocol/shortcuts.ts): Ctrl/Cmd+Enter, Ctrl/Cmd+F and
 * Ctrl/Cmd+Shift+C are answered here and kept from VS Code (which would otherwise open its find widget or run the
 * same command a second time), and named in the tooltips.
 */
import { shortcutLabel, shortcutOf, type PanelShortcut } from '../../src/protocol/shortcuts';

const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/** Calls the handler of the shortcut pressed anywhere in the page; keys without a handler pass on. */
export function listenShortcuts(handlers: Partial<Record<PanelShortcut, () => void>>): void {
  document.addEventListener('keydown', (e) => {
    const shortcut = shortcutOf(e, MAC);
    const handler = shortcut === undefined ? undefined : handlers[shortcut];
    if (handler === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    handler();
  });
}

/** "Run (Ctrl+Enter)". */
export function withShortcut(title: string, shortcut: PanelShortcut): string {
  return `${title} (${shortcutLabel(shortcut, MAC)})`;
}
