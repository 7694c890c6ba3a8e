/** A searchable quick pick that loads its items from Brella and also accepts a typed id. */
import * as vscode from 'vscode';
import { parseId } from '../../model/ids';

export interface IdItem extends vscode.QuickPickItem {
  id: number;
  name?: string;
  extra?: Record<string, string>;
}

export interface SearchPickOptions {
  title: string;
  placeholder: string;
  /** Loads the items; a rejection becomes a message in the picker, and typing an id still works. */
  load: () => Promise<IdItem[]>;
  /** Ids already in the tree, marked and not offered again. */
  existing: Set<number>;
}

export function searchPick(options: SearchPickOptions): Promise<IdItem | undefined> {
  const pick = vscode.window.createQuickPick<IdItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  pick.busy = true;
  let loaded: IdItem[] = [];
  const typed = (value: string): IdItem[] => {
    const text = value.trim();
    if (parseId(text) === undefined || loaded.some((i) => String(i.id) === text)) return [];
    return [{ id: Number(text), label: vscode.l10n.t('$(edit) Use id {0}', text), description: vscode.l10n.t('typed'), alwaysShow: true }];
  };
  const show = (): void => {
    pick.items = [...typed(pick.value), ...loaded];
  };
  pick.onDidChangeValue(show);
  options.load().then(
    (items) => {
      loaded = items.filter((i) => !options.existing.has(i.id));
      pick.busy = false;
      show();
    },
    (error: unknown) => {
      pick.busy = false;
      pick.placeholder = vscode.l10n.t('Could not load from Brella ({0}). Type an id instead.', (error as Error).message);
      show();
    },
  );
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? typed(pick.value)[0];
      if (!chosen) return;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
