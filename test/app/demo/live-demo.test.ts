// Right after the first start the demo shows live work: the dialogue list's "Active" filter has
// dialogues, the ones waiting for an operator come first when sorted by status, and the inactivity
// closer (which runs at start and every minute) leaves them open.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { loginAs, startTestApp } from '../../support/http.js';
import { prepareDatabase, DEFAULT_ADMIN } from '../../../src/app/prepare-database.js';
import { closeInactiveDialogs } from '../../../src/conversations/inactivity-closer.js';
import { DEMO_CHATS, DEMO_MARKERS } from '../../../src/app/demo/content.js';
import { generateDialogBatches } from '../../../src/app/demo/generator.js';

const LIST = '/admin/api/resources/Dialog/actions/list';
const MINUTE = 60_000;

interface ListedDialog { id: string; params: { status: string; transferredAt: string | null; firstOperatorReplyAt: string | null; operator: number | null; noOperatorResponse: boolean } }

describeEachDatabase('the demo right after the first start', (kind) => {
  let db: TestDatabase;
  let active: ListedDialog[];
  let total: number;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // as src/app/main.ts: the first start loads the demo into the empty database, then
    // chats.start() runs the inactivity closer at once
    await prepareDatabase(db, { demoData: true }, { log: () => undefined });
    await closeInactiveDialogs(db.prisma, null, new Date());
    const built = await startTestApp(db);
    const admin = await loginAs(built.app, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    // the "Active" filter, sorted by status: waiting for an operator first
    const response = await admin.get(LIST).query({ 'filters.status': 'active', sortBy: 'status', direction: 'asc', perPage: '500' });
    expect(response.status).toBe(200);
    ({ records: active, meta: { total } } = response.body);
  }, 180_000);
  afterAll(() => db?.drop());

  const isWaiting = (d: ListedDialog) => d.params.transferredAt !== null && !d.params.firstOperatorReplyAt;

  it('lists active dialogues, the ones waiting for an operator first', async () => {
    expect(total).toBeGreaterThan(0);
    expect(active.length).toBe(total);
    expect(active.every((d) => d.params.status === 'active')).toBe(true);
    const waiting = active.filter(isWaiting);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(active.slice(0, waiting.length).every(isWaiting)).toBe(true);
    expect(waiting.every((d) => d.params.noOperatorResponse)).toBe(true);
  });

  it('has active dialogues handled by an operator and ones with the bot only', () => {
    expect(active.filter((d) => d.params.firstOperatorReplyAt && d.params.operator).length).toBeGreaterThanOrEqual(2);
    expect(active.filter((d) => !d.params.transferredAt).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps them open through the closer runs of the next minutes', async () => {
    const ids = active.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    const closedSoonAfter = await closeInactiveDialogs(db.prisma, null, new Date(Date.now() + 5 * MINUTE));
    expect(closedSoonAfter.map((d) => d.id).filter((id) => ids.includes(id))).toEqual([]);
  });
});

describe('the demo generator at a given "now"', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');
  const context = {
    chatIds: DEMO_CHATS.map((_, i) => 1 + i),
    operators: [{ id: 7, name: 'John Carter', language: 'en' as const }],
    markerIds: Object.fromEntries(DEMO_MARKERS.map((name, i) => [name, 100 + i])),
    firstClientId: 1,
  };
  const generate = () => [...generateDialogBatches({ dialogs: 40, days: 10, seed: 7, now }, context)].flatMap((batch) => batch.dialogs);

  it('gives even a small demo dialogues of each kind going on, the same ones every time', () => {
    const dialogs = generate();
    expect(generate()).toEqual(dialogs);
    expect(dialogs).toHaveLength(40); // part of the requested total
    const goingOn = dialogs.filter((d) => d.status === 'active' && d.lastMessageAt
      && d.lastMessageAt.getTime() <= now.getTime() && d.lastMessageAt.getTime() > now.getTime() - 10 * MINUTE);
    const kinds = goingOn.map((d) => (!d.transferredAt ? 'bot' : d.firstOperatorReplyAt ? 'operator' : 'waiting'));
    expect(new Set(kinds)).toEqual(new Set(['bot', 'operator', 'waiting']));
    expect(goingOn.filter((d) => d.firstOperatorReplyAt).every((d) => d.operatorId === 7)).toBe(true);
  });
});
