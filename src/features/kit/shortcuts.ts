/**
 * The panels' keyboard shortcuts as commands (src/protocol/shortcuts.ts): the manifest binds them to the same keys
 * the pages answer to, scoped to the Brella panels, so they also work while a panel has the focus outside its page
 * and can be rebound. Each command asks the active panel to do it; a panel that has no such shortcut says so.
 */
import type { PanelShortcut } from '../../protocol/shortcuts';
import { SHORTCUTS } from '../../protocol/shortcuts';
import { register, type CommandContext } from './commands';

/** A kind of panel: its active one, if any. */
export interface ShortcutTarget {
  active(): { shortcut(shortcut: PanelShortcut): boolean } | undefined;
}

export function registerShortcutCommands(ctx: CommandContext, targets: readonly ShortcutTarget[]): void {
  for (const shortcut of Object.keys(SHORTCUTS) as PanelShortcut[]) {
    register(ctx, SHORTCUTS[shortcut].command, () => {
      for (const target of targets) {
        const panel = target.active();
        if (panel) {
          if (!panel.shortcut(shortcut)) ctx.log.info(`${SHORTCUTS[shortcut].title}: not in this panel`);
          return;
        }
      }
    });
  }
}
