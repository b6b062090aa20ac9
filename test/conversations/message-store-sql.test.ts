// The store statement (src/dialogs/store-sql.ts) and the TypeScript rules (applyMessage,
// messageCost, the demo generator's reference) must give the same dialogue facts.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { storeIncoming, storeMessage, storeMessages, type NewMessage } from '../../src/conversations/message-store.js';
import { transferToOperator } from '../../src/conversations/transfer.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import { applyMessage, applyTransfer, emptyDialogFacts, type DialogRunningFacts } from '../../src/domain/dialog-facts.js';
import { messageCost } from '../../src/domain/money.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

describeEachDatabase('message store statement', (kind) => {
  let db: TestDatabase;
  let chatId: number;
  let operatorId: number;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'k-sql', priceWeb: '0.0125', priceFacebook: '0.2000' } })).id;
    operatorId = (await db.prisma.adminUser.create({ data: { email: 'sql@example.com', name: 'Ivan', passwordHash: 'x', role: 'operator' } })).id;
  });
  afterAll(() => db.drop());

  const factsOf = async (id: string) => {
    const d = await db.prisma.dialog.findUniqueOrThrow({ where: { id } });
    return { transferredAt: d.transferredAt, firstOperatorReplyAt: d.firstOperatorReplyAt, lastMessageAt: d.lastMessageAt, messageCount: d.messageCount, cost: d.cost.toFixed(4), operatorId: d.operatorId };
  };

  type Step = { transfer: Date } | { message: NewMessage } | { batch: NewMessage[] };
  const steps = (): Step[] => [
    { message: { authorType: 'client', text: 'hi', sentAt: at(1) } },
    { message: { authorType: 'bot', text: 'hello', sentAt: at(2) } },
    // an operator reply before the transfer is paid but is not the first response
    { message: { authorType: 'operator', operatorId, text: 'early', sentAt: at(3) } },
    { transfer: at(5) },
    { message: { authorType: 'system', text: 'Transferred', sentAt: at(5) } },
    // out of order: an older client message does not move lastMessageAt back
    { message: { authorType: 'client', text: 'late delivery', sentAt: at(4) } },
    { batch: [
      { authorType: 'client', text: 'still there?', sentAt: at(6) },
      { authorType: 'operator', operatorId, text: 'yes', sentAt: at(8) },
      { authorType: 'operator', operatorId, text: 'earlier clock', sentAt: at(7) },
    ] },
    { message: { authorType: 'operator', operatorId, text: 'bye', sentAt: at(9) } },
    { transfer: at(10) }, // a second transfer keeps the first time
    { message: { authorType: 'bot', text: 'rate us', sentAt: at(11) } },
  ];

  it.each([['web', 'prisma'], ['facebook', 'prisma'], ['web', 'sql'], ['facebook', 'sql']] as const)('agrees with applyMessage on a %s dialogue (through %s)', async (channel, via) => {
    const sql = via === 'sql' ? db.sql : undefined;
    const { id } = await openDialog(db.prisma, { chatId, channel, externalId: `sql-${channel}-${via}`, at: at(0) });
    const price = channel === 'web' ? '0.0125' : '0.2000';
    let expected: DialogRunningFacts = emptyDialogFacts();
    let expectedOperator: number | null = null; // the first operator who writes
    for (const step of steps()) {
      if ('transfer' in step) {
        await transferToOperator(db.prisma, id, { at: step.transfer });
        expected = applyTransfer(expected, step.transfer);
        continue;
      }
      const batch = 'batch' in step ? step.batch : [step.message];
      const stored = 'batch' in step ? await storeMessages(db.prisma, id, batch, sql) : [await storeMessage(db.prisma, id, step.message, sql)];
      batch.forEach((message, i) => {
        const cost = messageCost(message.authorType, price);
        expect(stored[i]).toMatchObject({ authorType: message.authorType, sentAt: message.sentAt, ...cost });
        expected = applyMessage(expected, { authorType: message.authorType, sentAt: message.sentAt as Date, cost: cost.cost });
        expectedOperator ??= message.operatorId ?? null;
      });
      expect(await factsOf(id)).toEqual({ ...expected, operatorId: expectedOperator });
    }
    expect(expected).toMatchObject({ transferredAt: at(5), firstOperatorReplyAt: at(8), lastMessageAt: at(11), messageCount: 10 });
    expect(expectedOperator).toBe(operatorId);
  });

  it('stores an incoming message once, and nothing into a closed dialogue', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'web', externalId: 'sql-incoming', at: at(0) });
    const message: NewMessage = { authorType: 'client', text: 'once', sentAt: at(1), externalId: 'web:sql:1' };
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => storeIncoming(db.prisma, id, message, i % 2 ? db.sql : undefined)));
    expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(7);
    expect(await factsOf(id)).toMatchObject({ messageCount: 1, cost: '0.0000', lastMessageAt: at(1) });
    await expect(storeMessage(db.prisma, id, message)).rejects.toMatchObject({ code: 'P2002' });
    await expect(storeMessage(db.prisma, id, message, db.sql)).rejects.toMatchObject({ code: 'P2002' });
    expect(await storeIncoming(db.prisma, '00000000-0000-4000-8000-000000000000', message)).toEqual({ outcome: 'not_found' });
    await closeDialog(db.prisma, id, at(2));
    const closed = await storeIncoming(db.prisma, id, { ...message, externalId: 'web:sql:2' });
    expect(closed).toMatchObject({ outcome: 'closed', dialog: { chatId, channel: 'web', status: 'closed' } });
    expect(await db.prisma.message.count({ where: { dialogId: id } })).toBe(1);
  });
});
