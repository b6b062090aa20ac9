// The dashboard through the real application: GET /admin/api/dashboard as logged-in users.
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { loadDashboardFixture } from './dashboard.fixture.js';

describeEachDatabase('dashboard API', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let viewer: Awaited<ReturnType<typeof loginAs>>;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await loadDashboardFixture(db.sql);
    built = await startTestApp(db);
    await createUser(db, 'viewer');
    await createUser(db, 'operator');
    viewer = await loginAs(built.app, 'viewer@example.com');
  });
  afterAll(() => db.drop());

  it('refuses a visitor who is not logged in', async () => {
    const response = await request(built.app).get('/admin/api/dashboard');
    expect(response.status).toBe(302);
    expect(response.headers.location).toContain('/admin/login');
  });

  it('answers a viewer with the period\'s numbers and the chat list', async () => {
    const response = await viewer.get('/admin/api/dashboard').query({ from: '2026-03-01', to: '2026-03-03', tz: 'Europe/Moscow' });
    expect(response.status).toBe(200);
    expect(response.body.query).toEqual({ from: '2026-03-01', to: '2026-03-03', timeZone: 'Europe/Moscow' });
    expect(response.body.chats).toEqual([{ id: 1, name: 'Alpha shop' }, { id: 2, name: 'Beta bank' }]);
    expect(response.body.totals).toEqual({ dialogues: 7, transfers: 6, noOperatorResponse: 1, messages: 23 });
    expect(response.body.days.map((d: { day: string }) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(response.body.firstResponse[0]).toEqual({ day: '2026-03-01', answered: 3, medianSeconds: 120, p90Seconds: 264 });
    expect(response.body.topMarkers[0]).toEqual({ name: 'lead', count: 3 });
    expect(response.body.topPhrases[0]).toEqual({ phrase: 'hello', count: 3 });
  });

  it('filters by chat for an operator too', async () => {
    const operator = await loginAs(built.app, 'operator@example.com');
    const response = await operator.get('/admin/api/dashboard').query({ from: '2026-03-01', to: '2026-03-03', tz: 'UTC', chat: '1' });
    expect(response.status).toBe(200);
    expect(response.body.totals).toEqual({ dialogues: 4, transfers: 3, noOperatorResponse: 1, messages: 15 });
  });

  it('defaults to the last 30 days in UTC', async () => {
    const today = () => new Date().toISOString().slice(0, 10);
    const before = today();
    const response = await viewer.get('/admin/api/dashboard');
    expect(response.status).toBe(200);
    expect(response.body.query.timeZone).toBe('UTC');
    expect(response.body.days).toHaveLength(30);
    // (either side of midnight if the clock turned during the request)
    expect([before, today()]).toContain(response.body.days[29].day);
  });

  it.each([
    [{ from: '2026-13-01', to: '2026-03-03' }, 'invalidDate', '"from" must be a date written as YYYY-MM-DD, got "2026-13-01"'],
    [{ from: '2026-03-03', to: '2026-03-01' }, 'periodReversed', 'The period starts (2026-03-03) after it ends (2026-03-01)'],
    [{ from: '2020-01-01', to: '2026-03-01' }, 'periodTooLong', 'The period is 2252 days long; choose at most 366 days'],
    [{ tz: 'Nowhere/Special' }, 'invalidTimeZone', 'Unknown time zone "Nowhere/Special"'],
    [{ chat: '99' }, 'invalidChat', 'Unknown chat "99"'],
  ])('answers bad input %j with 400 and a clear message', async (params, code, message) => {
    const response = await viewer.get('/admin/api/dashboard').query(params);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual(expect.objectContaining({ code, message }));
    // the chat selector still has its list
    expect(response.body.chats).toHaveLength(2);
  });
});
