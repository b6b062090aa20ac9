// The dialogue fixture of test/http/dialogs.test.ts, built with the message store the live
// channels use. Expected costs: chat A web 0.0250 / facebook 0.1000 USD, chat B web 0.5000 EUR.
import type { PrismaClient } from '@prisma/client';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { storeMessage, storeMessages } from '../../src/conversations/message-store.js';
import { transferToOperator } from '../../src/conversations/transfer.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';
import { setMarker } from '../../src/conversations/markers.js';
import { recordPageVisit } from '../../src/conversations/page-visits.js';

export interface DialogFixture {
  chatA: number; chatB: number; operatorId: number; leadMarker: number; clientX: number;
  d1: string; d2: string; d3: string; d4: string; d5: string; long: string;
}

const day = (d: number, minute = 0) => new Date(Date.UTC(2026, 0, d, 12, minute));

export async function buildDialogFixture(prisma: PrismaClient): Promise<DialogFixture> {
  const chatA = (await prisma.chat.create({ data: { name: 'Shop A', publicKey: 'key-a', priceWeb: '0.0250', priceFacebook: '0.1000', currency: 'USD' } })).id;
  const chatB = (await prisma.chat.create({ data: { name: 'Shop B', publicKey: 'key-b', priceWeb: '0.5000', currency: 'EUR' } })).id;
  const chatC = (await prisma.chat.create({ data: { name: 'Shop C', publicKey: 'key-c', priceWeb: '0.0001', currency: 'GBP' } })).id;
  const operatorId = (await prisma.adminUser.create({ data: { email: 'olga@example.com', name: 'Olga', passwordHash: 'x', role: 'operator' } })).id;

  // d1: bot only, active. 2 bot × 0.0250 = 0.0500
  const d1 = await openDialog(prisma, { chatId: chatA, channel: 'web', externalId: 'cookie-x', at: day(1) });
  await storeMessages(prisma, d1.id, [
    { authorType: 'client', text: 'Hello', sentAt: day(1, 1) },
    { authorType: 'bot', authorName: 'Bot', text: 'Hi!', sentAt: day(1, 2) },
    { authorType: 'bot', authorName: 'Bot', text: 'How can I help?', sentAt: day(1, 3) },
  ]);

  // d2: transferred, never answered, active. 1 bot = 0.0250
  const d2 = await openDialog(prisma, { chatId: chatA, channel: 'web', externalId: 'cookie-y', at: day(2) });
  await storeMessage(prisma, d2.id, { authorType: 'bot', text: 'One moment', sentAt: day(2, 1) });
  await transferToOperator(prisma, d2.id, { at: day(2, 2) });
  await setMarker(prisma, d2.id, 'lead');

  // d3: facebook, answered by Olga, closed. bot 0.1000 + operator 0.1000 = 0.2000
  const d3 = await openDialog(prisma, { chatId: chatA, channel: 'facebook', externalId: 'psid-z', at: day(3) });
  await storeMessage(prisma, d3.id, { authorType: 'client', text: 'Where is my order?', sentAt: day(3, 1) });
  await storeMessage(prisma, d3.id, { authorType: 'bot', authorName: 'Bot', text: 'Let me find an operator', sentAt: day(3, 2) });
  await transferToOperator(prisma, d3.id, { at: day(3, 3) });
  await storeMessage(prisma, d3.id, { authorType: 'system', text: 'Transferred to an operator', sentAt: day(3, 3) });
  await storeMessage(prisma, d3.id, { authorType: 'operator', operatorId, text: 'It ships today', sentAt: day(3, 5) });
  await closeDialog(prisma, d3.id, day(3, 10));
  await setMarker(prisma, d3.id, 'complaint');

  // d4: chat B, transferred, never answered, closed. 3 bot × 0.5000 = 1.5000
  const d4 = await openDialog(prisma, { chatId: chatB, channel: 'web', externalId: 'cookie-w', at: day(4) });
  await storeMessages(prisma, d4.id, [
    { authorType: 'bot', text: 'b1', sentAt: day(4, 1) },
    { authorType: 'bot', text: 'b2', sentAt: day(4, 2) },
    { authorType: 'bot', text: 'b3', sentAt: day(4, 3) },
  ]);
  await transferToOperator(prisma, d4.id, { at: day(4, 4) });
  await storeMessage(prisma, d4.id, { authorType: 'client', text: 'hello?', sentAt: day(4, 5) });
  await closeDialog(prisma, d4.id, day(4, 30));
  await setMarker(prisma, d4.id, 'lead', day(4, 1));
  await setMarker(prisma, d4.id, 'complaint', day(4, 2));
  await recordPageVisit(prisma, d4.id, { url: 'https://shop-b.example/', title: 'Home', at: day(4, 0) });
  await recordPageVisit(prisma, d4.id, { url: 'https://shop-b.example/pricing', title: 'Pricing', at: day(4, 2) });

  // d5: chat B, one client message, active, cost 0
  const d5 = await openDialog(prisma, { chatId: chatB, channel: 'web', externalId: 'cookie-x', at: day(5) });
  await storeMessage(prisma, d5.id, { authorType: 'client', text: 'I want a REFUND', sentAt: day(5, 1) });

  // long: 1,050 messages on 31 Dec 2025 (525 bot × 0.0001 = 0.0525), several per second so paging must break ties by id
  const long = await openDialog(prisma, { chatId: chatC, channel: 'web', externalId: 'talkative', at: new Date(Date.UTC(2025, 11, 31)) });
  const start = Date.UTC(2025, 11, 31, 8);
  await storeMessages(prisma, long.id, Array.from({ length: 1050 }, (_, i) => ({
    authorType: i % 2 ? ('bot' as const) : ('client' as const), text: `line ${i}`, sentAt: new Date(start + Math.floor(i / 3) * 1000),
  })));

  const leadMarker = (await prisma.marker.findUniqueOrThrow({ where: { name: 'lead' } })).id;
  return { chatA, chatB, operatorId, leadMarker, clientX: d1.clientId, d1: d1.id, d2: d2.id, d3: d3.id, d4: d4.id, d5: d5.id, long: long.id };
}
