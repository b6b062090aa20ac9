// Bad input on every public widget endpoint: the status, a clear error code and message, and no
// stored side effects (row counts of every table a widget request writes are unchanged).
import express, { type Express } from 'express';
import request from 'supertest';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestApp } from '../../support/http.js';
import { publicRouter } from '../../../src/http/public-router.js';
import { SHOP_ORIGIN, createWidgetChats, rowCounts } from './widget-fixture.js';

const KEY = 'pk-widget-flowers';
const OWN = 'http://chats.test';

interface Case {
  name: string;
  method?: 'get' | 'post';
  path: string;
  /** A JSON value, or raw text sent as-is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  origin?: string;
  headers?: Record<string, string>;
  status: number;
  error: string;
}

describeEachDatabase('widget endpoints refuse bad input', (kind) => {
  let db: TestDatabase;
  let app: Express;
  let mine: { clientId: string; dialogId: string };
  let foreign: { clientId: string; dialogId: string };
  let otherChat: { clientId: string; dialogId: string };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await createWidgetChats(db);
    // the widget's own routes with limits no case reaches (rate limits: widget-api.test.ts)
    const built = await startTestApp(db);
    app = express().use(publicRouter(built.chats.context, { widget: { rateLimits: { client: { burst: 1000, perSecond: 1000 }, ip: { burst: 1000, perSecond: 1000 }, maxKeys: 100 } } }));
    const start = async (key: string, clientId: string) => ({
      clientId, dialogId: (await request(app).post(`/widget/api/${key}/session`).send({ clientId })).body.dialogId as string,
    });
    mine = await start(KEY, 'client-mine-0001');
    foreign = await start(KEY, 'client-other-0002');
    otherChat = await start('pk-widget-books', 'client-mine-0001');
  });
  afterAll(() => db?.drop());

  const api = (path: string, key = KEY) => `/widget/api/${key}${path}`;
  const message = (fields: Record<string, unknown> = {}) => ({ dialogId: mine.dialogId, clientId: mine.clientId, clientMessageId: 'x1', text: 'hello', ...fields });
  const visit = (fields: Record<string, unknown> = {}) => ({ dialogId: mine.dialogId, clientId: mine.clientId, url: `${SHOP_ORIGIN}/`, title: 'Home', ...fields });
  const events = (fields: Record<string, string> = {}) => `${api('/events')}?${new URLSearchParams({ dialogId: mine.dialogId, clientId: mine.clientId, after: '0', ...fields })}`;

  // Built lazily: the ids exist only after beforeAll.
  const cases = (): Case[] => [
    // the chat window and the API: unknown key
    { name: 'window: unknown key', method: 'get', path: '/widget/no-such-key', status: 404, error: '' },
    { name: 'session: unknown key', path: api('/session', 'no-such-key'), body: { clientId: 'client-new-0001' }, status: 404, error: 'unknown_chat' },
    { name: 'messages: unknown key', path: api('/messages', 'no-such-key'), body: message(), status: 404, error: 'unknown_chat' },
    { name: 'visits: unknown key', path: api('/visits', 'no-such-key'), body: visit(), status: 404, error: 'unknown_chat' },
    { name: 'events: unknown key', method: 'get', path: `${api('/events', 'no-such-key')}?dialogId=${mine.dialogId}&clientId=${mine.clientId}`, status: 404, error: 'unknown_chat' },
    { name: 'unknown endpoint', path: api('/nope'), body: {}, status: 404, error: 'not_found' },
    // another site's scripts
    { name: 'session: foreign origin', path: api('/session'), body: { clientId: 'client-new-0002' }, origin: 'https://evil.example', status: 403, error: 'origin_not_allowed' },
    { name: 'messages: foreign origin', path: api('/messages'), body: message({ clientMessageId: 'evil' }), origin: 'https://evil.example', status: 403, error: 'origin_not_allowed' },
    { name: 'messages: origin "null"', path: api('/messages'), body: message(), origin: 'null', status: 403, error: 'origin_not_allowed' },
    { name: 'visits: foreign origin', path: api('/visits'), body: visit(), origin: 'https://evil.example', status: 403, error: 'origin_not_allowed' },
    { name: 'events: foreign origin', method: 'get', path: events(), origin: 'https://evil.example', status: 403, error: 'origin_not_allowed' },
    // bodies
    { name: 'session: malformed JSON', path: api('/session'), raw: '{"clientId": "client-new-0003"', status: 400, error: 'malformed_json' },
    { name: 'messages: malformed JSON', path: api('/messages'), raw: "{dialogId: 'x'}", status: 400, error: 'malformed_json' },
    { name: 'visits: malformed JSON', path: api('/visits'), raw: '', contentType: 'application/json', status: 400, error: 'invalid_client_id' },
    { name: 'messages: a JSON string', path: api('/messages'), raw: '"hello"', status: 400, error: 'malformed_json' },
    { name: 'messages: a JSON array', path: api('/messages'), body: [message()], status: 400, error: 'invalid_body' },
    { name: 'messages: text/plain (a cross-site form)', path: api('/messages'), raw: JSON.stringify(message()), contentType: 'text/plain', status: 415, error: 'unsupported_media_type' },
    { name: 'messages: body too large', path: api('/messages'), body: message({ text: 'x'.repeat(100_000) }), status: 413, error: 'body_too_large' },
    // session fields
    { name: 'session: no client id', path: api('/session'), body: {}, status: 400, error: 'invalid_client_id' },
    { name: 'session: short client id', path: api('/session'), body: { clientId: 'abc' }, status: 400, error: 'invalid_client_id' },
    { name: 'session: client id with spaces', path: api('/session'), body: { clientId: 'client id 0001' }, status: 400, error: 'invalid_client_id' },
    { name: 'session: create not boolean', path: api('/session'), body: { clientId: 'client-new-0004', create: 'yes' }, status: 400, error: 'invalid_create' },
    // message fields
    { name: 'messages: empty text', path: api('/messages'), body: message({ text: '' }), status: 400, error: 'empty_message' },
    { name: 'messages: blank text', path: api('/messages'), body: message({ text: ' \n\t ' }), status: 400, error: 'empty_message' },
    { name: 'messages: text too long', path: api('/messages'), body: message({ text: 'y'.repeat(2001) }), status: 400, error: 'message_too_long' },
    { name: 'messages: text not a string', path: api('/messages'), body: message({ text: 42 }), status: 400, error: 'invalid_text' },
    { name: 'messages: NUL in text', path: api('/messages'), body: message({ text: 'a\u0000b' }), status: 400, error: 'invalid_text' },
    // JSON.stringify writes a lone surrogate as the escape "\ud800", which JSON.parse turns back into one
    { name: 'messages: lone high surrogate in text', path: api('/messages'), body: message({ text: 'a\ud800b' }), status: 400, error: 'invalid_text' },
    { name: 'messages: lone low surrogate in text', path: api('/messages'), body: message({ text: '\udc00' }), status: 400, error: 'invalid_text' },
    { name: 'messages: escaped lone surrogate in raw JSON', path: api('/messages'), raw: JSON.stringify(message()).replace('"hello"', '"hi \\ud83d"'), status: 400, error: 'invalid_text' },
    { name: 'messages: no message id', path: api('/messages'), body: message({ clientMessageId: undefined }), status: 400, error: 'invalid_client_message_id' },
    { name: 'messages: bad message id', path: api('/messages'), body: message({ clientMessageId: 'a:b' }), status: 400, error: 'invalid_client_message_id' },
    { name: 'messages: bad dialogue id', path: api('/messages'), body: message({ dialogId: 'not-a-uuid' }), status: 400, error: 'invalid_dialog_id' },
    { name: 'messages: unknown dialogue', path: api('/messages'), body: message({ dialogId: '00000000-0000-4000-8000-000000000000' }), status: 404, error: 'dialog_not_found' },
    { name: "messages: another client's dialogue", path: api('/messages'), body: message({ dialogId: foreign.dialogId }), status: 404, error: 'dialog_not_found' },
    { name: "messages: another chat's dialogue", path: api('/messages'), body: message({ dialogId: otherChat.dialogId }), status: 404, error: 'dialog_not_found' },
    // visit fields
    { name: 'visits: no url', path: api('/visits'), body: visit({ url: undefined }), status: 400, error: 'invalid_url' },
    { name: 'visits: javascript: url', path: api('/visits'), body: visit({ url: 'javascript:alert(1)' }), status: 400, error: 'invalid_url' },
    { name: 'visits: relative url', path: api('/visits'), body: visit({ url: '/roses' }), status: 400, error: 'invalid_url' },
    { name: 'visits: url too long', path: api('/visits'), body: visit({ url: `${SHOP_ORIGIN}/${'a'.repeat(2100)}` }), status: 400, error: 'invalid_url' },
    { name: 'visits: page of another site', path: api('/visits'), body: visit({ url: 'https://evil.example/' }), status: 403, error: 'url_origin_not_allowed' },
    { name: 'visits: title not a string', path: api('/visits'), body: visit({ title: ['Home'] }), status: 400, error: 'invalid_title' },
    { name: 'visits: lone surrogate in title', path: api('/visits'), body: visit({ title: 'Home \ud800' }), status: 400, error: 'invalid_title' },
    { name: 'visits: NUL in title', path: api('/visits'), body: visit({ title: 'Home\u0000' }), status: 400, error: 'invalid_title' },
    { name: 'visits: bad time', path: api('/visits'), body: visit({ at: 'yesterday' }), status: 400, error: 'invalid_time' },
    { name: "visits: another client's dialogue", path: api('/visits'), body: visit({ dialogId: foreign.dialogId }), status: 404, error: 'dialog_not_found' },
    // event stream query
    { name: 'events: no dialogue id', method: 'get', path: `${api('/events')}?clientId=${mine.clientId}`, status: 400, error: 'invalid_dialog_id' },
    { name: 'events: no client id', method: 'get', path: `${api('/events')}?dialogId=${mine.dialogId}`, status: 400, error: 'invalid_client_id' },
    { name: 'events: bad after', method: 'get', path: events({ after: '-1' }), status: 400, error: 'invalid_after' },
    { name: 'events: bad Last-Event-ID', method: 'get', path: events(), headers: { 'Last-Event-ID': 'abc' }, status: 400, error: 'invalid_last_event_id' },
    { name: "events: another client's dialogue", method: 'get', path: events({ dialogId: foreign.dialogId }), status: 404, error: 'dialog_not_found' },
    { name: "events: another chat's dialogue", method: 'get', path: events({ dialogId: otherChat.dialogId }), status: 404, error: 'dialog_not_found' },
  ];

  it('answers every case with its status and error, and stores nothing', async () => {
    const before = await rowCounts(db);
    const failures: string[] = [];
    for (const c of cases()) {
      let req = c.method === 'get' ? request(app).get(c.path) : request(app).post(c.path);
      req = req.set('Origin', c.origin ?? OWN);
      for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
      if (c.raw !== undefined) req = req.set('Content-Type', c.contentType ?? 'application/json').send(c.raw);
      else if (c.body !== undefined) req = req.send(c.body as object);
      const res = await req;
      const error = c.error ? res.body?.error : '';
      if (res.status !== c.status || error !== c.error) failures.push(`${c.name}: expected ${c.status} ${c.error}, got ${res.status} ${JSON.stringify(res.body ?? res.text)}`);
      else if (c.error && !(typeof res.body.message === 'string' && res.body.message.length > 10)) failures.push(`${c.name}: no clear message`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(db)).toEqual(before);
    // the owner's own message still works after all that
    const ok = await request(app).post(api('/messages')).set('Origin', OWN).send(message({ clientMessageId: 'fine' }));
    expect(ok.status).toBe(201);
  });

  it('accepts requests from the widget page itself and without Origin (non-browser clients)', async () => {
    const viaOwn = await request(app).post(api('/session')).set('Origin', OWN).send({ clientId: mine.clientId });
    const viaHost = await request(app).post(api('/session')).set('Origin', SHOP_ORIGIN).send({ clientId: mine.clientId });
    const noOrigin = await request(app).post(api('/session')).send({ clientId: mine.clientId });
    expect([viaOwn.status, viaHost.status, noOrigin.status]).toEqual([200, 200, 200]);
  });
});
