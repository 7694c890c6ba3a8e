/**
 * Text filter: one lowercased search string per row (visible columns' display text joined by
 * U+0001, so a match never spans two cells), built lazily and kept until columns or time zone
 * change. A query that contains the previous one only re-tests the rows that matched before.
 */

/** Separates cells in a row's search string. */
export const SEARCH_SEP = '\u0001';

export function normalizeQuery(text: string): string {
  return text.trim().toLowerCase();
}

export class SearchIndex {
  private texts: string[] = [];

  /**
   * `makeRowText()` returns a function giving a row's search string: its visible cells'
   * lowercase display text joined by SEARCH_SEP. It is called once per build.
   */
  constructor(private readonly makeRowText: () => (row: number) => string) {}

  get built(): number {
    return this.texts.length;
  }

  invalidate(): void {
    this.texts = [];
  }

  /** Builds strings for rows up to `n`; with a time budget, stops early and returns false. */
  build(n: number, budgetMs = Infinity, now: () => number = () => performance.now()): boolean {
    const texts = this.texts;
    if (texts.length >= n) return true;
    const start = budgetMs === Infinity ? 0 : now();
    const rowText = this.makeRowText();
    for (let i = texts.length; i < n; i++) {
      texts.push(rowText(i));
      if (budgetMs !== Infinity && (i & 255) === 255 && now() - start > budgetMs) return i + 1 >= n;
    }
    return true;
  }

  matches(row: number, query: string): boolean {
    return this.texts[row]!.includes(query);
  }
}

/**
 * Rows of `candidates` (in order) whose search string contains `query`; `match` gets 1/0 for
 * each candidate tested.
 */
export function filterRows(index: SearchIndex, candidates: Uint32Array, query: string, match: Uint8Array): Uint32Array {
  const out = new Uint32Array(candidates.length);
  let w = 0;
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!;
    const ok = index.matches(row, query);
    match[row] = ok ? 1 : 0;
    if (ok) out[w++] = row;
  }
  return out.slice(0, w);
}

/** Rows of `order` flagged in `match`, in order. */
export function pickMatched(order: Uint32Array, match: Uint8Array): Uint32Array {
  const out = new Uint32Array(order.length);
  let w = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (match[row] === 1) out[w++] = row;
  }
  return out.slice(0, w);
}
