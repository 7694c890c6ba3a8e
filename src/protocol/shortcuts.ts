/**
 * The panels' keyboard shortcuts, defined once: the keys the webviews answer to themselves, the commands the
 * manifest binds to the same keys (scoped to the Brella panels with `when` clauses, for when the panel has the
 * focus outside its page), and the labels the tooltips show. No DOM, no `vscode`.
 */
export type PanelShortcut = 'run' | 'focusFilter' | 'copyCurl';

export interface ShortcutSpec {
  command: string;
  /** As the manifest writes it (`key` and `mac`) and, capitalized, as tooltips show it. */
  key: string;
  mac: string;
  title: string;
}

export const SHORTCUTS: Readonly<Record<PanelShortcut, ShortcutSpec>> = {
  run: { command: 'brella.panel.run', key: 'ctrl+enter', mac: 'cmd+enter', title: 'Run the Slices Query' },
  focusFilter: { command: 'brella.panel.focusFilter', key: 'ctrl+f', mac: 'cmd+f', title: 'Focus the Table Filter' },
  copyCurl: { command: 'brella.panel.copyCurl', key: 'ctrl+shift+c', mac: 'cmd+shift+c', title: 'Copy the Slices Query as cURL' },
};

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The shortcut a key press is: Ctrl (Cmd on macOS) with Enter, F, or Shift+C. */
export function shortcutOf(e: KeyLike, mac: boolean): PanelShortcut | undefined {
  if (!(mac ? e.metaKey : e.ctrlKey) || e.altKey) return undefined;
  const letter = (e.code ?? '').startsWith('Key') ? e.code!.slice(3).toLowerCase() : e.key.toLowerCase();
  if (e.key === 'Enter' && !e.shiftKey) return 'run';
  if (letter === 'f' && !e.shiftKey) return 'focusFilter';
  if (letter === 'c' && e.shiftKey) return 'copyCurl';
  return undefined;
}

/** "Ctrl+Shift+C", "Cmd+Enter": for a tooltip. */
export function shortcutLabel(shortcut: PanelShortcut, mac: boolean): string {
  const spec = SHORTCUTS[shortcut];
  return (mac ? spec.mac : spec.key).split('+').map((part) => (part.length === 1 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1))).join('+');
}
