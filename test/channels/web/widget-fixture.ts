// Shared by the widget API tests: a chat with a greeting and bot rules, the app on an ephemeral
// port (the event stream is read with plain http, chunk by chunk), row counts for "nothing was
// stored" checks, and a small SSE reader.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { TestDatabase } from '../../support/databases.js';

export const SHOP_ORIGIN = 'https://shop.example';
export const GREETING = 'Hello! How can I help?';
export const PRICE_ANSWER = 'Bouquets start at 10 USD.';
export const BOT_RULES = [
  { pattern: 'price, cost', answer: PRICE_ANSWER, markers: ['lead'], transfer: false },
  { pattern: 'operator', answer: 'Calling an operator.', markers: ['operator-request'], transfer: true },
];

export async function createWidgetChats(db: TestDatabase) {
  const chat = await db.prisma.chat.create({
    data: { name: 'Flower shop', publicKey: 'pk-widget-flowers', allowedOrigins: [SHOP_ORIGIN], greeting: GREETING, botRules: BOT_RULES, priceWeb: '0.0500' },
  });
  const other = await db.prisma.chat.create({ data: { name: 'Book store', publicKey: 'pk-widget-books', greeting: 'Hi from books' } });
  return { chat, other };
}

/** Rows in every table a widget request could write to. */
export async function rowCounts(db: TestDatabase): Promise<Record<string, number>> {
  const [clients, dialogs, messages, visits, markers, dialogMarkers] = await Promise.all([
    db.prisma.client.count(), db.prisma.dialog.count(), db.prisma.message.count(),
    db.prisma.pageVisit.count(), db.prisma.marker.count(), db.prisma.dialogMarker.count(),
  ]);
  return { clients, dialogs, messages, visits, markers, dialogMarkers };
}

export async function listen(app: Express): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SseEvent { id?: string; event: string; data: unknown }

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  /** Resolves once an event satisfies the predicate (or rejects after `timeoutMs`). */
  waitFor(predicate: (event: SseEvent, all: SseEvent[]) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

/** Opens an event stream and parses events as they arrive. */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
          }
          if (fields.data === undefined) continue;
          let data: unknown = fields.data;
          try {
            data = JSON.parse(fields.data);
          } catch {
            // non-JSON data stays text
          }
          events.push({ id: fields.id, event: fields.event ?? 'message', data });
          waiters.splice(0).forEach((wake) => wake());
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        waitFor: (predicate, timeoutMs = 5000) => new Promise((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)), timeoutMs);
          const check = () => {
            const found = events.find((event) => predicate(event, events));
            if (found) {
              clearTimeout(timer);
              done(found);
            } else waiters.push(check);
          };
          check();
        }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

export const messagesOf = (events: SseEvent[]) => events.filter((e) => e.event === 'message').map((e) => e.data as { id: number; text: string; authorType: string });
