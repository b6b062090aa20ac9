// The list (Prisma) and the reports (SQL) translate the same DialogFilter: on one fixture, every
// filter selects exactly the dialogues computed by hand, through both translations.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { parseDialogFilter, type DialogFilter } from '../../src/domain/dialog-filter.js';
import { dialogFilterSql } from '../../src/db/dialog-filter-sql.js';
import { dialogFilterWhere } from '../../src/db/dialog-filter-prisma.js';

describe('parseDialogFilter', () => {
  it('reads the list query string and reports bad values per filter', () => {
    const { filter, errors } = parseDialogFilter({
      'filters.status': 'no_operator_response', 'filters.chat': '3', 'filters.channel': 'web',
      'filters.createdAt~~from': '2026-01-01T00:00:00Z', 'filters.markers': 'x1', 'filters.text': ' refund ',
    });
    expect(filter).toEqual({ status: 'no_operator_response', chatId: 3, channel: 'web', createdFrom: new Date('2026-01-01T00:00:00Z'), text: 'refund' });
    expect(Object.keys(errors)).toEqual(['markerId']);
    expect(parseDialogFilter({ 'filters.status': 'open' }).errors.status).toMatch(/Unknown status "open"/);
    expect(parseDialogFilter({ 'filters.createdAt~~to': 'yesterday' }).errors.createdTo).toMatch(/not a valid date/);
  });
});

describeEachDatabase('dialogue filter translations', (kind) => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  let chatA = 0; let chatB = 0; let operator = 0; let lead = 0; let clientX = 0;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const p = db.prisma;
    chatA = (await p.chat.create({ data: { name: 'A', publicKey: 'a' } })).id;
    chatB = (await p.chat.create({ data: { name: 'B', publicKey: 'b' } })).id;
    operator = (await p.adminUser.create({ data: { email: 'op@x.io', passwordHash: 'x', role: 'operator' } })).id;
    lead = (await p.marker.create({ data: { name: 'lead' } })).id;
    clientX = (await p.client.create({ data: { chatId: chatA, channel: 'web', externalId: 'x' } })).id;
    const clientY = (await p.client.create({ data: { chatId: chatB, channel: 'facebook', externalId: 'y' } })).id;
    const t = (day: number) => new Date(Date.UTC(2026, 0, day, 12));
    const make = async (name: string, data: Record<string, unknown>, text?: string) => {
      const d = await p.dialog.create({ data: { chatId: chatA, clientId: clientX, channel: 'web', ...data } as never });
      if (text) await p.message.create({ data: { dialogId: d.id, authorType: 'client', text } });
      ids[name] = d.id;
    };
    await make('botOnly', { createdAt: t(1) }, 'What is the PRICE? Any refunds?');
    await make('waiting', { createdAt: t(2), transferredAt: t(2) }, 'I want a refund_now');
    await make('answered', { createdAt: t(3), status: 'closed', transferredAt: t(3), firstOperatorReplyAt: t(3), operatorId: operator }, 'Хочу ВОЗВРАТ денег: скидка 50% не пришла');
    await make('abandoned', { createdAt: t(4), status: 'closed', transferredAt: t(4), chatId: chatB, clientId: clientY, channel: 'facebook' });
    await p.dialogMarker.create({ data: { dialogId: ids.answered, markerId: lead } });
  });
  afterAll(() => db.drop());

  const cases: [string, () => DialogFilter, string[]][] = [
    ['no filter', () => ({}), ['botOnly', 'waiting', 'answered', 'abandoned']],
    ['active', () => ({ status: 'active' }), ['botOnly', 'waiting']],
    ['closed', () => ({ status: 'closed' }), ['answered', 'abandoned']],
    ['no operator response', () => ({ status: 'no_operator_response' }), ['waiting', 'abandoned']],
    ['chat', () => ({ chatId: chatB }), ['abandoned']],
    ['channel', () => ({ channel: 'web' }), ['botOnly', 'waiting', 'answered']],
    ['operator', () => ({ operatorId: operator }), ['answered']],
    ['marker', () => ({ markerId: lead }), ['answered']],
    ['client', () => ({ clientId: clientX }), ['botOnly', 'waiting', 'answered']],
    ['date range', () => ({ createdFrom: new Date(Date.UTC(2026, 0, 2)), createdTo: new Date(Date.UTC(2026, 0, 3, 23)) }), ['waiting', 'answered']],
    ['text, case-insensitive', () => ({ text: 'price' }), ['botOnly']],
    ['text with a LIKE wildcard taken literally', () => ({ text: 'refund_' }), ['waiting']],
    ['text in Russian, case-insensitive', () => ({ text: 'возврат' }), ['answered']],
    ['text with a literal %', () => ({ text: '50%' }), ['answered']],
    // as wildcards, "e%s" and "P_ICE" would match "PRICE? Any refunds?"
    ['text with % that is no wildcard', () => ({ text: 'e%s' }), []],
    ['text with _ that is no wildcard', () => ({ text: 'P_ICE' }), []],
    ['text shorter than a trigram', () => ({ text: 'вр' }), ['answered']],
    ['combined', () => ({ status: 'active', text: 'refund' }), ['botOnly', 'waiting']],
    ['combined with a chat', () => ({ status: 'closed', chatId: chatA }), ['answered']],
  ];

  it.each(cases)('%s', async (_name, makeFilter, expected) => {
    const filter = makeFilter();
    const want = expected.map((name) => ids[name]).sort();
    const viaPrisma = (await db.prisma.dialog.findMany({ where: dialogFilterWhere(filter), select: { id: true } })).map((d) => d.id).sort();
    const { sql, params } = dialogFilterSql(filter);
    const viaSql = (await db.sql.query<{ id: string }>(`SELECT d.id FROM dialogs d WHERE ${sql}`, params)).map((r) => r.id).sort();
    expect(viaPrisma).toEqual(want);
    expect(viaSql).toEqual(want);
  });
});
