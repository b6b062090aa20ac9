// List totals that stay cheap and honest on big tables. An exact count(*) of a million dialogues
// costs more than the rest of the list page together, so the resources with big tables count at
// most EXACT_COUNT_LIMIT rows (or as far as the page asked for, plus one):
// - up to the limit the total is exact;
// - beyond it the number is only "more than the limit": the list's header says "10,000+"
//   (components/CappedTotalList.tsx), never a made-up exact figure, and the pagination always
//   offers the page after the current one while there are more rows, so paging reaches the end.
// A text search ("filters.text") counts to TEXT_COUNT_LIMIT: its matches are found through the
// trigram index and checked row by row, ten times dearer per row than an index range.
// The export drawer is not concerned: a report job counts its rows exactly, in the background.
import type { Action, ActionResponse } from 'adminjs';

export const EXACT_COUNT_LIMIT = 10_000;
export const TEXT_COUNT_LIMIT = 1_000;

/** The exact-count limit for a list query: lower with a text search. */
export const exactCountLimit = (hasTextSearch: boolean): number => (hasTextSearch ? TEXT_COUNT_LIMIT : EXACT_COUNT_LIMIT);

/** How many rows to count for a page ending at `pageEnd` (offset + limit): one past what is needed. */
export function countCap(pageEnd: number, limit = EXACT_COUNT_LIMIT): number {
  return Math.max(limit, pageEnd) + 1;
}

/** The list action's component and the limit it needs to label the total. */
export function cappedTotalList(components: Record<string, string>): Pick<Action<ActionResponse>, 'component' | 'custom'> {
  return { component: components.CappedTotalList, custom: { exactCountLimit: EXACT_COUNT_LIMIT, textCountLimit: TEXT_COUNT_LIMIT } };
}
