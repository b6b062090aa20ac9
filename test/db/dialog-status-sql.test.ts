// The dialogue status rules of src/domain/dialog-status.ts are written three times: as predicates,
// as a Prisma `where` / `orderBy` and as a SQL condition. On dialogues of every kind, the database
// forms select (and order) exactly what the predicates say.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import {
  hasNoOperatorResponse, isWaitingForOperator, NO_OPERATOR_RESPONSE_WHERE, noOperatorResponseSql, waitingFirstOrder, type DialogFacts,
} from '../../src/domain/dialog-status.js';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

// name → facts; the names say what each is
const KINDS: Record<string, DialogFacts> = {
  botOnly: { status: 'active', transferredAt: null, firstOperatorReplyAt: null },
  waitingLong: { status: 'active', transferredAt: t(1), firstOperatorReplyAt: null },
  waitingShort: { status: 'active', transferredAt: t(5), firstOperatorReplyAt: null },
  answeredActive: { status: 'active', transferredAt: t(2), firstOperatorReplyAt: t(3) },
  abandonedClosed: { status: 'closed', transferredAt: t(2), firstOperatorReplyAt: null },
  answeredClosed: { status: 'closed', transferredAt: t(2), firstOperatorReplyAt: t(4) },
  botOnlyClosed: { status: 'closed', transferredAt: null, firstOperatorReplyAt: null },
};

describeEachDatabase('dialogue status rules in the database', (kind) => {
  let db: TestDatabase;
  const names = new Map<string, string>(); // id → name

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const chat = await db.prisma.chat.create({ data: { name: 'A', publicKey: 'status-rules' } });
    const client = await db.prisma.client.create({ data: { chatId: chat.id, channel: 'web', externalId: 'client-1' } });
    let minute = 0;
    for (const [name, facts] of Object.entries(KINDS)) {
      const dialog = await db.prisma.dialog.create({ data: { chatId: chat.id, clientId: client.id, channel: 'web', createdAt: t((minute += 1)), ...facts } });
      names.set(dialog.id, name);
    }
  });
  afterAll(() => db.drop());

  const named = (ids: string[]) => ids.map((id) => names.get(id)).sort();
  const expected = (rule: (facts: DialogFacts) => boolean) => Object.entries(KINDS).filter(([, facts]) => rule(facts)).map(([name]) => name).sort();

  it('selects "no operator response" through Prisma and SQL exactly as the predicate does', async () => {
    const want = expected(hasNoOperatorResponse);
    expect(want).toEqual(['abandonedClosed', 'waitingLong', 'waitingShort']);
    const viaPrisma = await db.prisma.dialog.findMany({ where: NO_OPERATOR_RESPONSE_WHERE, select: { id: true } });
    const viaSql = await db.sql.query<{ id: string }>(`SELECT d.id FROM dialogs d WHERE ${noOperatorResponseSql('d')}`);
    expect(named(viaPrisma.map((row) => row.id))).toEqual(want);
    expect(named(viaSql.map((row) => row.id))).toEqual(want);
  });

  it('orders the dialogues waiting for an operator first, the longest waiting on top', async () => {
    const ordered = (await db.prisma.dialog.findMany({ orderBy: waitingFirstOrder('asc') as never, select: { id: true } })).map((row) => names.get(row.id) as string);
    const waiting = expected(isWaitingForOperator);
    expect(ordered.slice(0, waiting.length)).toEqual(['waitingLong', 'waitingShort']);
    // then the other active ones, then the closed ones
    const rest = ordered.slice(waiting.length);
    expect(rest.map((name) => KINDS[name].status)).toEqual(['active', 'active', 'closed', 'closed', 'closed']);
    // 'desc' is the reverse order
    const reversed = (await db.prisma.dialog.findMany({ orderBy: waitingFirstOrder('desc') as never, select: { id: true } })).map((row) => names.get(row.id));
    expect(reversed).toEqual([...ordered].reverse());
  });
});
