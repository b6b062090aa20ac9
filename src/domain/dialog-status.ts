// Dialogue statuses as the list filter offers them (PRODUCT.md, "Dialogue statuses").
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
    case 'no_operator_response': return { transferredAt: { not: null }, firstOperatorReplyAt: null };
    default: throw new Error(`unknown status filter ${String(filter)}`);
  }
}
