// The Send API client against a local fake Graph API: the request Meta expects, and which
// failures are worth retrying. Also the webhook payload reader on the recorded fixtures.
import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { classify, sendText, SendApiError } from '../../../src/channels/facebook/send-api.js';
import { parseWebhook } from '../../../src/channels/facebook/webhook-events.js';
import { APP_SECRET, FakeGraph, PAGE_ID, PAGE_TOKEN, PSID_A, fixture } from './support.js';

describe('Send API client', () => {
  let graph: FakeGraph;
  beforeAll(async () => { graph = await FakeGraph.start(); });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  const send = (overrides: Partial<Parameters<typeof sendText>[0]> = {}) => sendText({
    graphBaseUrl: `${graph.url}/`, apiVersion: 'v21.0', pageId: PAGE_ID, pageToken: PAGE_TOKEN, recipientPsid: PSID_A, text: 'Привет 👋', ...overrides,
  });
  const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error as SendApiError);

  it('posts the text to /{version}/{page}/messages with the page token and the app secret proof', async () => {
    expect(await send({ appSecret: APP_SECRET })).toEqual({ messageId: 'm_sent_1', recipientId: PSID_A });
    expect(graph.calls).toHaveLength(1);
    const [call] = graph.calls;
    expect(call).toMatchObject({ method: 'POST', path: `/v21.0/${PAGE_ID}/messages`, authorization: `Bearer ${PAGE_TOKEN}` });
    expect(call.body).toEqual({ recipient: { id: PSID_A }, messaging_type: 'RESPONSE', message: { text: 'Привет 👋' } });
    expect(call.query.get('access_token')).toBeNull();
    expect(call.query.get('appsecret_proof')).toBe(createHmac('sha256', APP_SECRET).update(PAGE_TOKEN).digest('hex'));
  });

  it('classifies 5xx, 429 and transient Graph codes as retryable, keeping the Graph message', async () => {
    graph.failNext(1);
    const error = await failure(send());
    expect(error).toBeInstanceOf(SendApiError);
    expect(error).toMatchObject({ retryable: true, status: 500, code: 2 });
    expect(error.message).toBe('HTTP 500 (code 2): An unexpected error has occurred. Please retry your request later.');
    graph.failNext(1, 429, { message: '(#613) Calls to this api have exceeded the rate limit.', code: 613 });
    expect(await failure(send())).toMatchObject({ retryable: true, status: 429 });
    graph.failNext(1, 400, { message: '(#4) Application request limit reached', code: 4, type: 'OAuthException' });
    expect(await failure(send())).toMatchObject({ retryable: true, status: 400, code: 4 });
  });

  it('classifies other client errors as permanent', async () => {
    graph.failNext(1, 400, { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278 });
    const window = await failure(send());
    expect(window).toMatchObject({ retryable: false, status: 400, code: 10 });
    expect(window.message).toBe('HTTP 400 (code 10/2018278): (#10) This message is sent outside of allowed window.');
    graph.failNext(1, 401, { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190 });
    expect(await failure(send())).toMatchObject({ retryable: false, code: 190 });
    graph.failNext(1, 400, { message: '(#551) This person isn\'t available right now.', code: 551 });
    expect(await failure(send())).toMatchObject({ retryable: false, code: 551 });
    expect(classify(403, undefined, '<html>Forbidden</html>')).toMatchObject({ retryable: false, message: 'HTTP 403: <html>Forbidden</html>' });
    expect(classify(502, undefined, '<html>Bad gateway</html>')).toMatchObject({ retryable: true });
  });

  it('treats an unreachable server and a timeout as retryable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(send({ graphBaseUrl: `http://127.0.0.1:${port}` }));
    expect(refused).toMatchObject({ retryable: true, message: 'Send API unreachable: ECONNREFUSED' });

    const silent = http.createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const timedOut = await failure(send({ graphBaseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 200 }));
      expect(timedOut).toMatchObject({ retryable: true, message: 'Send API unreachable: no answer within 0.2 s' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('webhook payload reader', () => {
  const read = (name: string) => parseWebhook(JSON.parse(fixture(name).toString('utf8')), PAGE_ID);

  it('takes the text messages of every entry and messaging item, in order', () => {
    const parsed = read('messages');
    expect(parsed.isPage).toBe(true);
    expect(parsed.messages.map((m) => [m.psid, m.text, m.kind])).toEqual([
      [PSID_A, 'Привет! Есть доставка в Казань? 🚚', 'text'],
      [PSID_A, 'Вот ссылка: https://shop.example/item?id=42 👍', 'text'],
      ['7012345678901234', 'Hello! How much is shipping to Berlin? 📦🇩🇪', 'text'],
    ]);
    expect(parsed.messages[0].at.toISOString()).toBe(new Date(1764052799861).toISOString());
  });

  it('drops echoes, receipts, reactions, attachments and other pages', () => {
    expect(read('echo')).toMatchObject({ messages: [], ignored: { echo: 1 } });
    expect(read('receipts')).toMatchObject({ messages: [], ignored: { nonText: 3 } });
    expect(read('attachment')).toMatchObject({ messages: [], ignored: { nonText: 2 } });
    expect(read('other-page')).toMatchObject({ messages: [], ignored: { otherPage: 1 } });
    expect(parseWebhook({ object: 'instagram', entry: [] }, PAGE_ID).isPage).toBe(false);
    expect(parseWebhook({ object: 'page', entry: [null, { id: PAGE_ID, messaging: [42, { sender: {}, recipient: { id: PAGE_ID }, message: { text: 'x' } }] }] }, PAGE_ID))
      .toMatchObject({ messages: [], ignored: { malformed: 3 } });
  });

  it('reads a postback as its button title', () => {
    expect(read('postback').messages).toEqual([expect.objectContaining({ psid: '7123456789012345', text: 'Начать', kind: 'postback' })]);
  });
});
