/**
 * Tabs over panels (the slices panel's Slices and Sessions; the report's Attendees, Sponsors and Streams): an ARIA
 * tablist with one tab stop; Left/Right/Home/End move between tabs. The first tab is shown at first.
 */
import { h, setAttr, show } from './dom';

export interface TabsView<TabId extends string> {
  root: HTMLElement;
  select(id: TabId, focus?: boolean): void;
  readonly current: TabId;
}

export function buildTabs<TabId extends string>(
  ids: readonly TabId[], panels: Record<TabId, HTMLElement>, labels: Record<TabId, string>, onSelect: (id: TabId) => void, name: string,
): TabsView<TabId> {
  let current: TabId = ids[0]!;
  const tabs = ids.map((id) => {
    const tab = h('button', { id: `tab-${id}`, className: 'tab', text: labels[id], attrs: { role: 'tab', type: 'button', 'aria-controls': `panel-${id}` } });
    tab.addEventListener('click', () => select(id, true));
    panels[id].id = `panel-${id}`;
    panels[id].setAttribute('role', 'tabpanel');
    panels[id].setAttribute('aria-labelledby', `tab-${id}`);
    return tab;
  });
  const list = h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': name } }, ...tabs);
  list.addEventListener('keydown', (e) => {
    const at = ids.indexOf(current);
    const to = e.key === 'ArrowRight' ? (at + 1) % ids.length : e.key === 'ArrowLeft' ? (at + ids.length - 1) % ids.length : e.key === 'Home' ? 0 : e.key === 'End' ? ids.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    select(ids[to]!, true);
  });

  function select(id: TabId, focus = false): void {
    apply(id);
    if (focus) tabs[ids.indexOf(id)]!.focus();
    onSelect(id);
  }

  function apply(id: TabId): void {
    current = id;
    ids.forEach((other, i) => {
      const on = other === id;
      setAttr(tabs[i]!, 'aria-selected', on);
      tabs[i]!.tabIndex = on ? 0 : -1;
      show(panels[other], on);
    });
  }

  apply(ids[0]!);
  return {
    root: list,
    select,
    get current() {
      return current;
    },
  };
}
