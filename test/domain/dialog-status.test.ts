import { hasNoOperatorResponse, isWaitingForOperator, matchesStatusFilter } from '../../src/domain/dialog-status.js';

const at = (iso: string) => new Date(iso);

describe('dialogue status rules', () => {
  const botOnly = { status: 'active' as const, transferredAt: null, firstOperatorReplyAt: null };
  const waiting = { status: 'active' as const, transferredAt: at('2026-01-01T10:00:00Z'), firstOperatorReplyAt: null };
  const answered = { status: 'closed' as const, transferredAt: at('2026-01-01T10:00:00Z'), firstOperatorReplyAt: at('2026-01-01T10:02:00Z') };
  const abandoned = { status: 'closed' as const, transferredAt: at('2026-01-01T10:00:00Z'), firstOperatorReplyAt: null };

  it('counts a dialogue as "no operator response" only after a transfer without an operator reply', () => {
    expect(hasNoOperatorResponse(botOnly)).toBe(false);
    expect(hasNoOperatorResponse(waiting)).toBe(true);
    expect(hasNoOperatorResponse(answered)).toBe(false);
    expect(hasNoOperatorResponse(abandoned)).toBe(true);
  });

  it('selects each filter option exactly as PRODUCT.md defines it', () => {
    const all = { botOnly, waiting, answered, abandoned };
    const pick = (filter?: 'active' | 'closed' | 'no_operator_response') =>
      Object.entries(all).filter(([, d]) => matchesStatusFilter(d, filter)).map(([name]) => name);
    expect(pick()).toEqual(['botOnly', 'waiting', 'answered', 'abandoned']);
    expect(pick('active')).toEqual(['botOnly', 'waiting']);
    expect(pick('closed')).toEqual(['answered', 'abandoned']);
    expect(pick('no_operator_response')).toEqual(['waiting', 'abandoned']);
  });
});

describe('waiting for an operator', () => {
  const transfer = new Date('2026-01-01T10:00:00Z');
  it('is an active dialogue, transferred, that no operator has answered yet', () => {
    expect(isWaitingForOperator({ status: 'active', transferredAt: transfer, firstOperatorReplyAt: null })).toBe(true);
    expect(isWaitingForOperator({ status: 'active', transferredAt: null, firstOperatorReplyAt: null })).toBe(false);
    expect(isWaitingForOperator({ status: 'active', transferredAt: transfer, firstOperatorReplyAt: new Date('2026-01-01T10:01:00Z') })).toBe(false);
    // closed without an answer: "no operator response", but nobody waits any more
    expect(isWaitingForOperator({ status: 'closed', transferredAt: transfer, firstOperatorReplyAt: null })).toBe(false);
  });
});
