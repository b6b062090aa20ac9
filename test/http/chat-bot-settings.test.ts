// The bot settings of the Chat form through the real AdminJS API: rules as the editor sends them
// (one JSON text) and as AdminJS resends an untouched form (flattened fields), per-rule errors.
import type { Response } from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { validateChatInput } from '../../src/domain/chat-validation.js';

const API = '/admin/api/resources/Chat';
const errorsOf = (response: Response): Record<string, { message: string; detail?: string }> => response.body.record?.errors ?? {};

describe('chat form validation of bot rules', () => {
  it('normalises valid rules and reports bad ones per field, with the regex message', () => {
    expect(validateChatInput({ name: 'a', botRules: '[{"pattern":"price","answer":"10 USD","markers":"lead"}]' }, 'create')).toEqual({
      values: { name: 'a', botRules: [{ pattern: 'price', kind: 'keyword', answer: '10 USD', markers: ['lead'], transfer: false }] },
      errors: {},
    });
    const bad = validateChatInput({ name: 'a', botRules: [{ pattern: 'ok', answer: 'x' }, { pattern: '[a-', kind: 'regex', answer: 'x' }, { pattern: '(a)\\1', kind: 'regex', answer: '' }] }, 'update');
    expect(bad.errors).toEqual({
      botRules: 'botRulesInvalid', 'botRules.1.pattern': 'ruleRegexInvalid', 'botRules.2.pattern': 'ruleRegexUnsupported', 'botRules.2.answer': 'ruleAnswerRequired',
    });
    expect(bad.details?.['botRules.1.pattern']).toMatch(/missing closing \]/);
    expect(bad.values.botRules).toBeUndefined();
    expect(validateChatInput({ botRules: 'not json' }, 'update').errors).toEqual({ botRules: 'botRulesNotJson' });
  });
});

describeEachDatabase('chat bot settings', (kind) => {
  let db: TestDatabase;
  let built: BuiltApp;
  let admin: Awaited<ReturnType<typeof loginAs>>;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await startTestApp(db);
    await createUser(db, 'admin');
    admin = await loginAs(built.app, 'admin@example.com');
  });
  afterAll(() => db.drop());

  it('saves greeting, rules, fallback and timeout from the form; the bot uses them', async () => {
    const rules = [{ pattern: 'price, cost', kind: 'keyword', answer: 'From 10 EUR', markers: ['lead'], transfer: false }, { pattern: 'human', kind: 'keyword', answer: '', markers: [], transfer: true }];
    const response = await admin.post(`${API}/actions/new`).type('form').send({
      name: 'Bot shop', greeting: 'Welcome!', botRules: JSON.stringify(rules), fallbackAnswer: 'Pardon?', inactivityTimeoutMinutes: '15',
    });
    expect(response.body.notice).toMatchObject({ type: 'success' });
    const chat = await db.prisma.chat.findFirstOrThrow({ where: { name: 'Bot shop' } });
    expect(chat).toMatchObject({ greeting: 'Welcome!', botRules: rules, fallbackAnswer: 'Pardon?', inactivityTimeoutMinutes: 15 });

    const conversations = built.chats.context.conversations;
    const { dialogId } = await conversations.resume({ chatId: chat.id, channel: 'web', externalId: 'visitor' });
    const answer = await conversations.clientMessage({ dialogId, text: 'what does it cost?' });
    expect(answer.replies.map((r) => r.text)).toEqual(['From 10 EUR']);
  });

  it('keeps the rules when an untouched form is saved again (flattened fields)', async () => {
    const chat = await db.prisma.chat.create({
      data: { name: 'Resent', publicKey: 'pk-resent', botRules: [{ pattern: 'hi', kind: 'keyword', answer: 'Hello', markers: ['greeted'], transfer: true }] },
    });
    const response = await admin.post(`${API}/records/${chat.id}/edit`).type('form').send({
      name: 'Resent', 'botRules.0.pattern': 'hi', 'botRules.0.kind': 'keyword', 'botRules.0.answer': 'Hello',
      'botRules.0.markers.0': 'greeted', 'botRules.0.transfer': 'true',
    });
    expect(response.body.notice).toMatchObject({ type: 'success' });
    expect((await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).botRules).toEqual([
      { pattern: 'hi', kind: 'keyword', answer: 'Hello', markers: ['greeted'], transfer: true },
    ]);
  });

  it('answers bad rules with errors on the rule fields and saves nothing', async () => {
    const chat = await db.prisma.chat.create({ data: { name: 'Strict', publicKey: 'pk-strict' } });
    const response = await admin.post(`${API}/records/${chat.id}/edit`).send({
      name: 'Renamed', botRules: JSON.stringify([{ pattern: 'ok', answer: 'fine' }, { pattern: '(unclosed', kind: 'regex', answer: 'x' }, { pattern: 'x', answer: 'y', markers: ['no!'] }]),
    });
    expect(response.body.notice).toMatchObject({ type: 'error' });
    const errors = errorsOf(response);
    expect(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.message]))).toEqual({
      botRules: 'botRulesInvalid', 'botRules.1.pattern': 'ruleRegexInvalid', 'botRules.2.markers': 'ruleMarkersInvalid',
    });
    expect(errors['botRules.1.pattern'].detail).toMatch(/missing closing \)/);
    expect(await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({ name: 'Strict', botRules: [] });
  });

  it('shows the rules on the chat page', async () => {
    const chat = await db.prisma.chat.findFirstOrThrow({ where: { name: 'Bot shop' } });
    const response = await admin.get(`${API}/records/${chat.id}/show`);
    expect(response.body.record.params['botRules.0.pattern']).toBe('price, cost');
  });
});
