// Facebook test helpers: recorded webhook payloads signed like Meta signs them, a chat connected to
// the test page, and a fake Graph API on 127.0.0.1 that records Send API calls and fails on demand.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuiltApp } from '../../../src/app/build-app.js';
import { FacebookConnections } from '../../../src/channels/facebook/connection.js';
import type { FacebookOptions } from '../../../src/channels/facebook/delivery-worker.js';
import { RecordingLogger } from '../../support/logger.js';
import type { TestDatabase } from '../../support/databases.js';
import { TEST_SECRET } from '../../support/http.js';

export const PAGE_ID = '102938475610';
export const APP_SECRET = 'fb-test-app-secret-0123456789abcd';
export const PAGE_TOKEN = 'EAAGtestPageAccessToken0123456789abcdefghijklmnopqrstuvwxyzTOKEN';
export const PSID_A = '6781234567890123';
export const PSID_B = '7012345678901234';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/facebook');

/** The exact bytes of a recorded payload (Meta's escaping included). */
export const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, `${name}.json`));

export const sign = (body: Buffer | string, secret = APP_SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The app with the Send API pointed at `graphBaseUrl` (the worker is not started). */
export async function startFacebookApp(db: TestDatabase, facebook: FacebookOptions): Promise<BuiltApp> {
  return buildApp({
    prisma: db.prisma,
    sql: db.sql,
    secret: TEST_SECRET,
    publicUrl: 'http://chats.test',
    reports: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'chats-reports-')) },
    facebook,
    logger: new RecordingLogger(),
  });
}

export interface ChatSetup { greeting?: string | null; fallbackAnswer?: string | null; botRules?: unknown[] }

/** A chat connected to the test page; returns its id, public key and verify token. */
export async function connectedChat(db: TestDatabase, name: string, setup: ChatSetup = {}) {
  const chat = await db.prisma.chat.create({
    data: {
      name,
      publicKey: `fb${name.replace(/\W/g, '').toLowerCase()}${Date.now().toString(36)}`,
      greeting: setup.greeting === undefined ? 'Здравствуйте! Чем помочь?' : setup.greeting,
      fallbackAnswer: setup.fallbackAnswer === undefined ? 'Оператор скоро ответит.' : setup.fallbackAnswer,
      botRules: (setup.botRules ?? []) as never,
      priceFacebook: '0.05',
    },
  });
  await new FacebookConnections(db.prisma, TEST_SECRET).connect(chat.id, { pageId: PAGE_ID, pageName: 'Test shop', pageAccessToken: PAGE_TOKEN, appSecret: APP_SECRET });
  const { fbVerifyToken } = await db.prisma.chat.findUniqueOrThrow({ where: { id: chat.id } });
  return { id: chat.id, publicKey: chat.publicKey, verifyToken: fbVerifyToken as string };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface GraphCall { method: string; path: string; query: URLSearchParams; authorization: string | undefined; body: unknown; at: number }
type Failure = { status: number; body: unknown };

/** A stand-in for graph.facebook.com: records every call, answers like the Send API. */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  private failures: Failure[] = [];
  private always: Failure | null = null;
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<FakeGraph> {
    let graph!: FakeGraph;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => graph.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    graph = new FakeGraph(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return graph;
  }

  /** The next `count` calls answer 500 with a transient Graph error. */
  failNext(count: number, status = 500, error: Record<string, unknown> = { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true, fbtrace_id: 'AbCdEf123' }): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, body: { error } });
  }

  /** Every call fails this way until reset(). */
  failAlways(status: number, error: Record<string, unknown>): void {
    this.always = { status, body: { error } };
  }

  reset(): void {
    this.failures = [];
    this.always = null;
    this.calls.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // kept as text
    }
    this.calls.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body, at: Date.now() });
    const failure = this.failures.shift() ?? this.always;
    const recipient = (body as { recipient?: { id?: string } }).recipient?.id ?? null;
    const reply = failure ?? { status: 200, body: { recipient_id: recipient, message_id: `m_sent_${this.calls.length}` } };
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  }
}
