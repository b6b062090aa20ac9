import { applyMessage, applyTransfer, emptyDialogFacts, type DialogRunningFacts } from '../../src/domain/dialog-facts.js';
import { hasNoOperatorResponse } from '../../src/domain/dialog-status.js';
import type { AuthorType } from '../../src/domain/money.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const msg = (authorType: AuthorType, minute: number, cost = '0.0000') => ({ authorType, sentAt: at(minute), cost });

describe('dialogue facts', () => {
  it('sums costs and counts messages: 3 bot messages at 0.0250 + 2 operator at 0.1000 = 0.2750', () => {
    const facts = [
      msg('client', 0), msg('bot', 1, '0.0250'), msg('bot', 2, '0.0250'), msg('client', 3),
      msg('bot', 4, '0.0250'), msg('operator', 5, '0.1000'), msg('operator', 6, '0.1000'),
    ].reduce(applyMessage, emptyDialogFacts());
    expect(facts.cost).toBe('0.2750');
    expect(facts.messageCount).toBe(7);
    expect(facts.lastMessageAt).toEqual(at(6));
  });

  it('records the first operator reply only after a transfer', () => {
    let facts: DialogRunningFacts = applyMessage(emptyDialogFacts(), msg('operator', 1, '0.1000'));
    expect(facts.firstOperatorReplyAt).toBeNull(); // an operator writing before any transfer
    facts = applyTransfer(facts, at(5));
    expect(hasNoOperatorResponse(facts)).toBe(true);
    facts = applyMessage(facts, msg('client', 6));
    facts = applyMessage(facts, msg('bot', 7, '0.0250'));
    expect(hasNoOperatorResponse(facts)).toBe(true);
    facts = applyMessage(facts, msg('operator', 9, '0.1000'));
    expect(facts.firstOperatorReplyAt).toEqual(at(9));
    facts = applyMessage(facts, msg('operator', 12, '0.1000'));
    expect(facts.firstOperatorReplyAt).toEqual(at(9));
    expect(hasNoOperatorResponse(facts)).toBe(false);
  });

  it('counts an operator message at the transfer instant, ignores one stored late with an earlier time', () => {
    const transferred = applyTransfer(emptyDialogFacts(), at(5));
    expect(applyMessage(transferred, msg('operator', 5)).firstOperatorReplyAt).toEqual(at(5));
    expect(applyMessage(transferred, msg('operator', 4)).firstOperatorReplyAt).toBeNull();
  });

  it('keeps the first transfer time and the latest message time', () => {
    const facts = applyTransfer(applyTransfer(emptyDialogFacts(), at(5)), at(8));
    expect(facts.transferredAt).toEqual(at(5));
    const late = applyMessage(applyMessage(facts, msg('client', 10)), msg('client', 9));
    expect(late.lastMessageAt).toEqual(at(10));
  });
});
