import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { storeMessage, storeMessages } from '../../src/conversations/message-store.js';
import { transferToOperator } from '../../src/conversations/transfer.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { DialogNotFoundError } from '../../src/conversations/dialog-lock.js';
import { loadMessagesPage } from '../../src/conversations/messages-page.js';
import { statusFilterWhere } from '../../src/domain/dialog-status.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describeEachDatabase('message store', (kind) => {
  let db: TestDatabase;
  let chatId: number;
  let operatorId: number;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    chatId = (await db.prisma.chat.create({ data: { name: 'Shop', publicKey: 'k1', priceWeb: '0.0250', priceFacebook: '0.1000', currency: 'EUR' } })).id;
    operatorId = (await db.prisma.adminUser.create({ data: { email: 'op@example.com', name: 'Olga', passwordHash: 'x', role: 'operator' } })).id;
  });
  afterAll(() => db.drop());

  const dialogRow = (id: string) => db.prisma.dialog.findUniqueOrThrow({ where: { id } });
  const noResponse = (id: string) => db.prisma.dialog.count({ where: { id, ...statusFilterWhere('no_operator_response') } });

  it('fixes each message cost at the channel price and keeps the dialogue facts', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'web', externalId: 'cookie-1', at: at(0) });
    await storeMessage(db.prisma, id, { authorType: 'client', text: 'hi', sentAt: at(1) });
    for (const minute of [2, 3, 4]) await storeMessage(db.prisma, id, { authorType: 'bot', text: 'bot', sentAt: at(minute) });
    await transferToOperator(db.prisma, id, { at: at(5) });
    await storeMessage(db.prisma, id, { authorType: 'system', text: 'Transferred', sentAt: at(5) });
    let dialog = await dialogRow(id);
    expect(dialog.transferredAt).toEqual(at(5));
    expect(dialog.firstOperatorReplyAt).toBeNull();
    expect(await noResponse(id)).toBe(1);

    const reply = await storeMessage(db.prisma, id, { authorType: 'operator', operatorId, text: 'hello', sentAt: at(7) });
    expect(reply).toMatchObject({ isPaid: true, cost: '0.0250' });
    await storeMessage(db.prisma, id, { authorType: 'operator', operatorId, text: 'bye', sentAt: at(9) });
    dialog = await dialogRow(id);
    // 3 bot + 2 operator messages at the web price 0.0250; client and system messages are free
    expect(dialog.cost.toString()).toBe('0.125');
    expect(dialog.messageCount).toBe(7);
    expect(dialog.lastMessageAt).toEqual(at(9));
    expect(dialog.firstOperatorReplyAt).toEqual(at(7));
    expect(dialog.operatorId).toBe(operatorId); // the first operator who wrote
    expect(await noResponse(id)).toBe(0);

    const messages = await db.prisma.message.findMany({ where: { dialogId: id }, orderBy: { sentAt: 'asc' } });
    expect(messages.map((m) => [m.authorType, m.isPaid, m.cost.toFixed(4)])).toEqual([
      ['client', false, '0.0000'], ['bot', true, '0.0250'], ['bot', true, '0.0250'], ['bot', true, '0.0250'],
      ['system', false, '0.0000'], ['operator', true, '0.0250'], ['operator', true, '0.0250'],
    ]);
  });

  it('charges facebook dialogues at the facebook price; a later price change does not rewrite history', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'facebook', externalId: 'psid-1', at: at(0) });
    await storeMessages(db.prisma, id, [
      { authorType: 'client', text: 'q', sentAt: at(1) },
      { authorType: 'bot', text: 'a', sentAt: at(2) },
    ]);
    await db.prisma.chat.update({ where: { id: chatId }, data: { priceFacebook: '0.3000' } });
    await storeMessage(db.prisma, id, { authorType: 'bot', text: 'b', sentAt: at(3) });
    const messages = await db.prisma.message.findMany({ where: { dialogId: id }, orderBy: { sentAt: 'asc' } });
    expect(messages.map((m) => m.cost.toFixed(4))).toEqual(['0.0000', '0.1000', '0.3000']);
    expect((await dialogRow(id)).cost.toFixed(4)).toBe('0.4000');
    await db.prisma.chat.update({ where: { id: chatId }, data: { priceFacebook: '0.1000' } });
  });

  it('keeps "no operator response" for a closed dialogue that was never answered', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'web', externalId: 'cookie-2', at: at(0) });
    await storeMessage(db.prisma, id, { authorType: 'operator', operatorId, text: 'early', sentAt: at(1) });
    await transferToOperator(db.prisma, id, { at: at(2) });
    await transferToOperator(db.prisma, id, { at: at(4) }); // the first transfer time stays
    expect(await closeDialog(db.prisma, id, at(10))).toBe(true);
    expect(await closeDialog(db.prisma, id, at(11))).toBe(false);
    const dialog = await dialogRow(id);
    expect(dialog).toMatchObject({ status: 'closed', closedAt: at(10), transferredAt: at(2), firstOperatorReplyAt: null });
    expect(await noResponse(id)).toBe(1);
  });

  it('adds up concurrent stores on one dialogue', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'web', externalId: 'cookie-3', at: at(0) });
    await transferToOperator(db.prisma, id, { at: at(0) });
    const writes = Array.from({ length: 30 }, (_, i) => storeMessage(db.prisma, id, {
      authorType: i % 3 === 0 ? 'client' : i % 3 === 1 ? 'bot' : 'operator',
      operatorId: i % 3 === 2 ? operatorId : null,
      text: `m${i}`,
      sentAt: at(1 + i),
    }));
    await Promise.all(writes);
    const dialog = await dialogRow(id);
    expect(dialog.messageCount).toBe(30);
    expect(dialog.cost.toFixed(4)).toBe('0.5000'); // 20 paid messages × 0.0250
    expect(dialog.lastMessageAt).toEqual(at(30));
    expect(dialog.firstOperatorReplyAt).toEqual(await db.prisma.message.findFirst({
      where: { dialogId: id, authorType: 'operator' }, orderBy: { id: 'asc' }, select: { sentAt: true },
    }).then((m) => m?.sentAt));
  });

  it('refuses unknown dialogues and bad input', async () => {
    await expect(storeMessage(db.prisma, 'not-a-uuid', { authorType: 'bot', text: 'x' })).rejects.toBeInstanceOf(DialogNotFoundError);
    await expect(storeMessage(db.prisma, '00000000-0000-4000-8000-000000000000', { authorType: 'bot', text: 'x' }))
      .rejects.toBeInstanceOf(DialogNotFoundError);
    await expect(storeMessage(db.prisma, '00000000-0000-4000-8000-000000000000', { authorType: 'robot' as never, text: 'x' }))
      .rejects.toThrow(/author type/);
  });

  it('pages through messages in time order by (sentAt, id)', async () => {
    const { id } = await openDialog(db.prisma, { chatId, channel: 'web', externalId: 'cookie-4', at: at(0) });
    // two messages share each timestamp, so the id breaks ties
    await storeMessages(db.prisma, id, Array.from({ length: 25 }, (_, i) => ({ authorType: 'client' as const, text: `t${i}`, sentAt: at(Math.floor(i / 2)) })));
    const texts: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await loadMessagesPage(db.prisma, id, { after, limit: 10 });
      texts.push(...page.messages.map((m) => m.text));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(texts).toEqual(Array.from({ length: 25 }, (_, i) => `t${i}`));
  });
});
