// Dialogue statuses as the list filter offers them (PRODUCT.md, "Dialogue statuses"), and the two
// rules built on the stored facts transferred_at / first_operator_reply_at (kept true by the
// message store, src/domain/dialog-facts.ts):
// - "no operator response": transferred to operators, and no operator message after the transfer
//   (open or closed);
// - "waiting for operator": the same, while the dialogue is still active (the widget says an
//   operator will answer, the list sorts these first).
// Each rule is here once as a predicate, and where the database filters by it, as a Prisma `where`
// (plain data, no Prisma import) and a SQL condition next to it; test/db/dialog-status-sql.test.ts
// holds the three to the same dialogues.
export const STATUS_FILTER_VALUES = ['active', 'closed', 'no_operator_response'] as const;
export type StatusFilterValue = typeof STATUS_FILTER_VALUES[number];

export interface DialogFacts {
  status: 'active' | 'closed';
  transferredAt: Date | null;
  firstOperatorReplyAt: Date | null;
}

export function isStatusFilterValue(value: string): value is StatusFilterValue {
  return (STATUS_FILTER_VALUES as readonly string[]).includes(value);
}

/** Transferred to operators, and no operator message after the transfer (open or closed). */
export function hasNoOperatorResponse(dialog: Pick<DialogFacts, 'transferredAt' | 'firstOperatorReplyAt'>): boolean {
  return dialog.transferredAt !== null && dialog.firstOperatorReplyAt === null;
}

/** Prisma `where` on the Dialog model for hasNoOperatorResponse. */
export const NO_OPERATOR_RESPONSE_WHERE = { transferredAt: { not: null }, firstOperatorReplyAt: null } as const;

/** SQL condition for hasNoOperatorResponse on a row `alias` with transferred_at and first_operator_reply_at. */
export const noOperatorResponseSql = (alias: string): string =>
  `(${alias}.transferred_at IS NOT NULL AND ${alias}.first_operator_reply_at IS NULL)`;

/** Active, transferred, and no operator has answered yet. */
export function isWaitingForOperator(dialog: DialogFacts): boolean {
  return dialog.status === 'active' && hasNoOperatorResponse(dialog);
}

export function matchesStatusFilter(dialog: DialogFacts, filter: StatusFilterValue | undefined): boolean {
  switch (filter) {
    case undefined: return true;
    case 'active': return dialog.status === 'active';
    case 'closed': return dialog.status === 'closed';
    case 'no_operator_response': return hasNoOperatorResponse(dialog);
    default: return false;
  }
}

/** The same rule as a Prisma `where` on the Dialog model, so the database does the filtering. */
export function statusFilterWhere(filter: StatusFilterValue): Record<string, unknown> {
  switch (filter) {
    case 'active': return { status: 'active' };
    case 'closed': return { status: 'closed' };
    case 'no_operator_response': return { ...NO_OPERATOR_RESPONSE_WHERE };
    default: throw new Error(`unknown status filter ${String(filter)}`);
  }
}

type Direction = 'asc' | 'desc';
const flip = (direction: Direction): Direction => (direction === 'asc' ? 'desc' : 'asc');

/**
 * Prisma `orderBy` that puts the dialogues waiting for an operator first (isWaitingForOperator),
 * the longest waiting on top; then the other active ones, then the closed ones. 'desc' reverses
 * it. Enum order: active before closed; among active ones, no operator reply yet (NULL) before
 * answered ones (the latest answered first), and among those the transferred (waiting) before the
 * bot-only ones. Each column sorts with its direction's default NULLS place, so that one index
 * (dialogs_waiting_first_idx) serves the order and its reverse.
 */
export function waitingFirstOrder(direction: Direction = 'asc'): Record<string, unknown>[] {
  const nullsFirst = direction === 'asc' ? 'first' : 'last';
  return [
    { status: direction },
    { firstOperatorReplyAt: { sort: flip(direction), nulls: nullsFirst } },
    { transferredAt: { sort: direction, nulls: nullsFirst === 'first' ? 'last' : 'first' } },
    { createdAt: flip(direction) },
    { id: flip(direction) },
  ];
}
