// The chat window's outbox (assets/chat-client.js) run in a bare context with a fake fetch: a
// refusal (4xx) is reported once and never retried, while a server error is retried. Timers run
// at once, so a retry loop would show up as many requests.
import fs from 'node:fs';
import vm from 'node:vm';
import { webcrypto } from 'node:crypto';

const SOURCE = fs.readFileSync(new URL('../../../src/channels/web/assets/chat-client.js', import.meta.url), 'utf8');

type Answer = { status: number; body: unknown };

function loadClient(answer: (path: string) => Answer) {
  const calls: string[] = [];
  const failed: [string, unknown][] = [];
  const storage = new Map<string, string>();
  const window: Record<string, unknown> = { addEventListener: () => undefined };
  let timers = 0;
  const context = vm.createContext({
    window,
    crypto: webcrypto,
    navigator: { onLine: true },
    localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
    // at once, and at most 50 times: a retry loop shows as many requests instead of running forever
    setTimeout: (fn: () => void) => { if ((timers += 1) <= 50) setImmediate(fn); },
    clearTimeout: () => undefined,
    EventSource: class { static CLOSED = 2; readyState = 0; addEventListener() { /* never opens */ } close() { /* nothing */ } },
    fetch: async (url: string) => {
      const path = url.replace(/^api\/key/, '');
      calls.push(path);
      const { status, body } = answer(path);
      return { status, json: async () => body, headers: { get: () => null } };
    },
    Promise,
    JSON,
    Uint8Array,
    Array,
    Number,
    String,
    Math,
    Date,
    Error,
  });
  vm.runInContext(SOURCE, context);
  const create = window.createChatClient as (config: unknown, handlers: unknown) => { send(text: string): string; pending(): unknown[] };
  const noop = () => undefined;
  const client = create({ apiBase: 'api/key', publicKey: 'key' }, {
    message: noop, state: noop, connection: noop, sent: noop, dialog: noop, failed: (id: string, error: unknown) => failed.push([id, error]),
  });
  return { client, calls, failed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const SESSION = { status: 201, body: { dialogId: 'd1', created: true, status: 'active', messages: [] } };

describe('chat window outbox', () => {
  it('drops a message the server refuses (400) after one attempt and reports it', async () => {
    const { client, calls, failed } = loadClient((path) => (path === '/session' ? SESSION : { status: 400, body: { error: 'invalid_text', message: 'broken character' } }));
    const id = client.send('bad');
    await settle();
    expect(calls.filter((path) => path === '/messages')).toHaveLength(1);
    expect(failed).toEqual([[id, { error: 'invalid_text', message: 'broken character' }]]);
    expect(client.pending()).toEqual([]);
  });

  it('stops when the session itself is refused (403, 404): no endless retries', async () => {
    for (const status of [403, 404]) {
      const { client, calls, failed } = loadClient(() => ({ status, body: { error: 'origin_not_allowed', message: 'Requests from this origin are not allowed.' } }));
      const id = client.send('hello');
      await settle();
      expect([status, calls.length]).toEqual([status, 1]);
      expect(failed.map(([failedId]) => failedId)).toEqual([id]);
      expect(client.pending()).toEqual([]);
    }
  });

  it('keeps retrying a server error (500) with the same message id', async () => {
    let messages = 0;
    const { client, calls } = loadClient((path) => {
      if (path === '/session') return SESSION;
      messages += 1;
      return messages < 3 ? { status: 500, body: {} } : { status: 201, body: { message: { id: 1, text: 'hello' }, replies: [] } };
    });
    client.send('hello');
    await settle();
    expect(calls.filter((path) => path === '/messages')).toHaveLength(3);
    expect(client.pending()).toEqual([]);
  });
});
