// Realistic rows for the "All chat sessions" report, generated cheaply and deterministically so
// both bench variants spend the same time producing data.
import type { ReportColumn } from '../src/reports/xlsx/report-writer.js';

export const COLUMNS: ReportColumn[] = [
  { header: 'Session id', key: 'id', type: 'string', width: 38 },
  { header: 'Chat', key: 'chat', type: 'string' },
  { header: 'Channel', key: 'channel', type: 'string', width: 10 },
  { header: 'Client id', key: 'clientId', type: 'string' },
  { header: 'Started', key: 'startedAt', type: 'date' },
  { header: 'Closed', key: 'closedAt', type: 'date' },
  { header: 'Status', key: 'status', type: 'string', width: 12 },
  { header: 'Operator', key: 'operator', type: 'string' },
  { header: 'Messages', key: 'messages', type: 'number', numFmt: '0' },
  { header: 'Cost', key: 'cost', type: 'money' },
  { header: 'Link', key: 'link', type: 'hyperlink' },
  { header: 'Transcript', key: 'transcript', type: 'text' },
];

const CHATS = ['Support', 'Продажи', 'Доставка', 'Bank bot', 'Insurance FAQ'];
const OPERATORS = ['Анна Смирнова', 'John Doe', 'Мария Иванова', 'Peter Pan', ''];
const LINES = [
  'Client: Здравствуйте, где мой заказ?', 'Bot: Добрый день! Назовите номер заказа.',
  'Client: 482913', 'Operator: Заказ передан в доставку, ожидайте завтра 🚚',
  'Client: спасибо!', 'Bot: Оцените, пожалуйста, диалог от 1 до 5', 'Client: 5 👍',
];

/** ~200-character transcripts, a few hundred variants. */
const TRANSCRIPTS = Array.from({ length: 500 }, (_, i) => {
  let text = '';
  for (let j = i; text.length < 200; j++) text += (text ? '\n' : '') + LINES[j % LINES.length];
  return text.slice(0, 200);
});

const START = Date.UTC(2025, 0, 1);
const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

export interface SessionRow {
  id: string; chat: string; channel: string; clientId: string; startedAt: Date; closedAt: Date;
  status: string; operator: string; messages: number; cost: string; link: string; transcript: string;
}

export function sessionRow(i: number): SessionRow {
  const mix = Math.imul(i + 1, 2654435761);
  const started = START + i * 30_000 + (mix & 0xffff);
  const id = `${hex(mix, 8)}-${hex(i, 4)}-4${hex(mix >>> 4, 3)}-a${hex(i >>> 3, 3)}-${hex(mix ^ i, 8)}${hex(i, 4)}`;
  return {
    id,
    chat: CHATS[i % CHATS.length],
    channel: i % 3 ? 'web' : 'facebook',
    clientId: `client-${(mix >>> 8) % 100_000}`,
    startedAt: new Date(started),
    closedAt: new Date(started + 60_000 + (mix & 0xfffff)),
    status: i % 7 ? 'closed' : 'open',
    operator: OPERATORS[i % OPERATORS.length],
    messages: (mix >>> 20) % 40,
    cost: `${(mix >>> 24) % 20}.${String((mix >>> 6) % 10_000).padStart(4, '0')}`,
    link: `https://admin.example.com/admin/resources/Dialog/records/${id}/show`,
    transcript: TRANSCRIPTS[i % TRANSCRIPTS.length],
  };
}
