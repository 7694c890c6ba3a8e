/**
 * Column widths and order as the user sets them and a panel saves them (pure, no DOM).
 *
 * The order is a list of column keys: the columns it names show in its order, the others (new since it was saved)
 * after them in their own order; keys of columns the grid does not have are ignored, but kept, so a column that comes
 * back later takes its place again. Pinned columns still come first, in pin order (columns.ts `shownColumns`), so a
 * move stays within its group: a pinned column moves among the pinned ones (the pin order changes), any other among
 * the unpinned ones (the order changes). A width is in CSS pixels, clamped to [WIDTH_MIN, WIDTH_MAX]; a column
 * without one is sized from its content.
 */

/** Narrowest and widest a column can be made, and how far one Alt+Shift+Arrow resizes it (px). */
export const WIDTH_MIN = 40;
export const WIDTH_MAX = 1000;
export const WIDTH_STEP = 16;
/** At most this many keys are kept in an order after a move (keys of columns gone are dropped first). */
export const ORDER_MAX = 500;

/** Where columns are: the order of all of them and the pinned ones, in pin order (as GridState names them). */
export interface Placing {
  order: readonly string[];
  pinned: readonly string[];
}

/** A width as the grid uses it: whole pixels within the bounds. */
export function clampWidth(px: number): number {
  return Math.round(Math.min(WIDTH_MAX, Math.max(WIDTH_MIN, px)));
}

/** Saved widths as the grid uses them: each clamped; anything not a finite number left out. */
export function readWidths(saved: Readonly<Record<string, unknown>> = {}): Map<string, number> {
  return new Map(Object.entries(saved).flatMap(([key, px]) => (typeof px === 'number' && Number.isFinite(px) ? [[key, clampWidth(px)]] : [])));
}

/**
 * The columns (or keys) in `order`: the ones it names first, in its order, then the others in theirs (keys of no
 * column ignored).
 */
export function arrange<T extends string | { key: string }>(columns: readonly T[], order: readonly string[]): T[] {
  const rank = (c: T): number => {
    const i = order.indexOf(typeof c === 'string' ? c : c.key);
    return i < 0 ? order.length : i;
  };
  return columns.slice().sort((a, b) => rank(a) - rank(b)); // stable: the others keep their order
}

/** Whether two lists hold the same items, in any order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && b.every((x) => a.includes(x));
}

/** `list` (without repeats) with `key` taken to `target`'s place: after it when it came before it, else before it. */
function place(list: readonly string[], key: string, target: string): string[] {
  const unique = [...new Set(list)];
  const after = unique.indexOf(key) < unique.indexOf(target);
  const out = unique.filter((k) => k !== key);
  out.splice(out.indexOf(target) + (after ? 1 : 0), 0, key);
  return out;
}

/**
 * Takes `key` to `target`'s place (after it when moving right, before it when moving left); null when either is
 * not a column (`keys`: every column the grid has), they are the same, or one is pinned and the other not (a move
 * stays within its group). Keys of the order that are no column now stay after the others, as room allows.
 */
export function moveOnto(p: Placing, keys: readonly string[], key: string, target: string): Placing | null {
  const pinned = p.pinned.includes(key);
  if (key === target || !keys.includes(key) || !keys.includes(target) || pinned !== p.pinned.includes(target)) return null;
  if (pinned) return { order: [...p.order], pinned: place(p.pinned, key, target) };
  const arranged = arrange(keys, p.order);
  const gone = [...new Set(p.order)].filter((k) => !keys.includes(k));
  return { order: [...place(arranged, key, target), ...gone].slice(0, Math.max(ORDER_MAX, keys.length)), pinned: [...p.pinned] };
}

/**
 * Moves `key` one place left (`by` -1) or right (+1) within its group (the pinned in pin order, the others in order),
 * past the next column `among` accepts (say, the visible ones); null when it is first or last there.
 */
export function moveBy(p: Placing, keys: readonly string[], key: string, by: -1 | 1, among: (key: string) => boolean = () => true): Placing | null {
  const pinned = p.pinned.includes(key);
  const group = (pinned ? [...new Set(p.pinned)] : arrange(keys, p.order)).filter((k) => keys.includes(k) && p.pinned.includes(k) === pinned && (k === key || among(k)));
  const at = group.indexOf(key);
  return at < 0 || group[at + by] === undefined ? null : moveOnto(p, keys, key, group[at + by]!);
}
