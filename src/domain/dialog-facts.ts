// The facts kept on a dialogue and how each stored message changes them. Used by the message store
// and by the demo data generator, so the "No operator response" filter and the costs stay true.
import { addAmounts, type AuthorType } from './money.js';

export interface DialogRunningFacts {
  transferredAt: Date | null;
  firstOperatorReplyAt: Date | null;
  lastMessageAt: Date | null;
  messageCount: number;
  cost: string;
}

export interface StoredMessageFacts { authorType: AuthorType; sentAt: Date; cost: string }

export const emptyDialogFacts = (): DialogRunningFacts => ({
  transferredAt: null, firstOperatorReplyAt: null, lastMessageAt: null, messageCount: 0, cost: '0.0000',
});

/** Facts after one more message. The first operator reply counts only at or after the transfer. */
export function applyMessage(facts: DialogRunningFacts, message: StoredMessageFacts): DialogRunningFacts {
  const repliesAfterTransfer = message.authorType === 'operator'
    && facts.transferredAt !== null
    && facts.firstOperatorReplyAt === null
    && message.sentAt.getTime() >= facts.transferredAt.getTime();
  return {
    transferredAt: facts.transferredAt,
    firstOperatorReplyAt: repliesAfterTransfer ? message.sentAt : facts.firstOperatorReplyAt,
    lastMessageAt: !facts.lastMessageAt || message.sentAt > facts.lastMessageAt ? message.sentAt : facts.lastMessageAt,
    messageCount: facts.messageCount + 1,
    cost: addAmounts(facts.cost, message.cost),
  };
}

/** Facts after a transfer to operators. A dialogue keeps its first transfer time. */
export function applyTransfer(facts: DialogRunningFacts, at: Date): DialogRunningFacts {
  return facts.transferredAt ? facts : { ...facts, transferredAt: at };
}
