/**
 * Show/hide columns: a button that opens a small panel of checkboxes, one per column the grid knows
 * (columns from rows' extra attributes appear as rows arrive; the panel is rebuilt each time it opens).
 * Escape or a click outside closes it; at least one column stays visible.
 */
import { button, checkbox, h, show, type ToolkitCheckbox } from '../shared/dom';
import type { ColumnState } from './types';

export interface ColumnChooser {
  root: HTMLElement;
  close(): void;
}

export function buildColumnChooser(getColumns: () => ColumnState[], onChange: (hidden: string[]) => void): ColumnChooser {
  const panel = h('div', { id: 'columns-panel', className: 'columns-panel', attrs: { role: 'group', 'aria-label': 'Visible columns' } });
  show(panel, false);
  const toggle = button('Columns ▾', { id: 'columns', title: 'Show or hide columns', attrs: { 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'columns-panel' } }, () =>
    panel.hidden ? open() : close(),
  );
  const root = h('div', { className: 'columns-chooser' }, toggle, panel);
  let boxes: { key: string; box: ToolkitCheckbox }[] = [];

  function open(): void {
    boxes = getColumns().map((c) => {
      const box = checkbox(c.label, { attrs: { 'data-column': c.key } });
      box.checked = !c.hidden;
      return { key: c.key, box };
    });
    panel.replaceChildren(...boxes.map((b) => b.box));
    show(panel, true);
    toggle.setAttribute('aria-expanded', 'true');
    boxes[0]?.box.focus();
  }

  function close(): void {
    if (panel.hidden) return;
    show(panel, false);
    toggle.setAttribute('aria-expanded', 'false');
  }

  panel.addEventListener('change', (e) => {
    if (boxes.every((b) => !b.box.checked)) {
      const box = boxes.find((b) => b.box === e.target)?.box;
      if (box !== undefined) box.checked = true;
      return;
    }
    onChange(boxes.filter((b) => !b.box.checked).map((b) => b.key));
  });
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
    toggle.focus();
  });
  document.addEventListener('mousedown', (e) => {
    if (!e.composedPath().includes(root)) close();
  });
  return { root, close };
}
