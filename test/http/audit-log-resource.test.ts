// The "Audit log" screen through HTTP: admins only (every action, viewers and operators get 403),
// read-only (no new, edit or delete, and the database refuses changes anyway), newest first,
// filterable by user, action and time, details in words.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;
const API = '/admin/api/resources/AuditEntry';

describeEachDatabase('the audit log screen', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  const agents: Record<'admin' | 'operator' | 'viewer', Agent> = {} as never;
  let entryId: number;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      await createUser(db, role);
      agents[role] = await loginAs(built.app, `${role}@example.com`);
    }
    const at = (day: number) => new Date(Date.UTC(2026, 0, day));
    await db.prisma.auditEntry.createMany({
      data: [
        { at: at(1), action: 'chat_changed', actor: 'alice@example.com', actorKey: '7', address: '10.0.0.1', subject: 'Chat 1 · Shop', details: { id: 1, fields: ['name', 'fbPageTokenEnc'], values: { name: { from: 'Shop', to: 'Store' } } } },
        { at: at(3), action: 'report_requested', actor: 'bob@example.com', actorKey: '8', address: '10.0.0.2', subject: 'Billing.xlsx', details: { type: 'billing', filter: { 'filters.status': 'closed' } } },
        { at: at(2), action: 'login_failed', actor: 'mallory@example.com', address: '10.0.0.3', details: { reason: 'wrong_password' } },
      ],
    });
    entryId = (await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'chat_changed' } })).id;
  });
  afterAll(() => db.drop());

  const list = (agent: Agent, query: Record<string, string> = {}) => agent.get(`${API}/actions/list`).query({ perPage: '50', ...query });
  const subjects = (body: { records: { params: { subject?: string; action: string } }[] }) => body.records.map((record) => record.params.action);

  it('is for admins only: list, show and search answer 403 to operators and viewers', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      for (const path of ['actions/list', `records/${entryId}/show`, 'actions/search/Shop']) {
        const response = await agents[role].get(`${API}/${path}`);
        expect([role, path, response.status]).toEqual([role, path, 403]);
        expect(response.text).not.toContain('alice@example.com');
      }
    }
    expect((await list(agents.admin)).status).toBe(200);
    expect((await agents.admin.get(`${API}/records/${entryId}/show`)).status).toBe(200);
  });

  it('offers nothing that writes: new, edit, delete and bulk delete are refused, and the entry stays as it was', async () => {
    const before = await db.prisma.auditEntry.findUniqueOrThrow({ where: { id: entryId } });
    const attempts = [
      agents.admin.post(`${API}/actions/new`).type('form').send({ action: 'login', actor: 'forged' }),
      agents.admin.post(`${API}/records/${entryId}/edit`).type('form').send({ actor: 'forged' }),
      agents.admin.post(`${API}/records/${entryId}/delete`).type('form').send({}),
      agents.admin.post(`${API}/bulk/bulkDelete`).query({ recordIds: String(entryId) }).type('form').send({}),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await db.prisma.auditEntry.findUniqueOrThrow({ where: { id: entryId } })).toEqual(before);
    expect(await db.prisma.auditEntry.count({ where: { actor: 'forged' } })).toBe(0);
    const show = await agents.admin.get(`${API}/records/${entryId}/show`);
    const offered = show.body.record.recordActions.map((action: { name: string }) => action.name);
    expect(offered).not.toEqual(expect.arrayContaining(['edit']));
    expect(offered).not.toContain('delete');
  });

  it('lists the newest entries first', async () => {
    const all = subjects((await list(agents.admin)).body);
    // the logins of this test's users happened now, after the entries of January
    expect(all).toEqual(['login', 'login', 'login', 'report_requested', 'login_failed', 'chat_changed']);
  });

  it('filters by user, by action and by time', async () => {
    expect(subjects((await list(agents.admin, { 'filters.actor': 'ALICE' })).body)).toEqual(['chat_changed']);
    expect(subjects((await list(agents.admin, { 'filters.action': 'login_failed' })).body)).toEqual(['login_failed']);
    const window = { 'filters.at~~from': '2026-01-01T12:00:00.000Z', 'filters.at~~to': '2026-01-02T12:00:00.000Z' };
    expect(subjects((await list(agents.admin, window)).body)).toEqual(['login_failed']);
    // an action that does not exist is a clear refusal, not an empty list
    const unknown = await list(agents.admin, { 'filters.action': 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.notice.message).toContain('must be one of');
  });

  it('shows the details in words, a secret field by its name only', async () => {
    const show = await agents.admin.get(`${API}/records/${entryId}/show`);
    expect(show.body.record.params.facts).toBe('id: 1\nfields: name, fbPageTokenEnc\nname: Shop → Store');
    const report = (await list(agents.admin, { 'filters.action': 'report_requested' })).body.records[0];
    expect(report.params.facts).toBe('type: billing\nfilter: {"filters.status":"closed"}');
  });

  it('offers the actions as a select with translated labels', () => {
    const resource = built.admin.findResource('AuditEntry').decorate();
    const values = resource.getPropertyByKey('action')?.availableValues()?.map((option) => option.value);
    expect(values).toEqual(expect.arrayContaining(['login', 'login_failed', 'report_requested', 'client_erased', 'retention_run', 'audit_pruned']));
    const translations = (built.admin.options.locale as { translations: unknown }).translations as Record<string, { resources: { AuditEntry: { labels: { action: Record<string, string> } } } }>;
    for (const language of ['en', 'ru']) {
      const labels = translations[language].resources.AuditEntry.labels.action;
      for (const value of values ?? []) expect([language, value, typeof labels[value]]).toEqual([language, value, 'string']);
    }
  });
});
