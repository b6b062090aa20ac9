// Prisma translation of a DialogFilter for the dialogue list: the counterpart of
// src/db/dialog-filter-sql.ts used by the reports. Keep the two in step (test/db/dialog-filter.test.ts).
import type { DialogFilter } from '../domain/dialog-filter.js';
import { statusFilterWhere } from '../domain/dialog-status.js';
import { escapeLike } from './like-pattern.js';

export function dialogFilterWhere(filter: DialogFilter): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (filter.status) and.push(statusFilterWhere(filter.status));
  if (filter.chatId !== undefined) and.push({ chatId: filter.chatId });
  if (filter.channel !== undefined) and.push({ channel: filter.channel });
  if (filter.operatorId !== undefined) and.push({ operatorId: filter.operatorId });
  if (filter.clientId !== undefined) and.push({ clientId: filter.clientId });
  if (filter.createdFrom !== undefined) and.push({ createdAt: { gte: filter.createdFrom } });
  if (filter.createdTo !== undefined) and.push({ createdAt: { lte: filter.createdTo } });
  if (filter.markerId !== undefined) and.push({ markers: { some: { markerId: filter.markerId } } });
  if (filter.text !== undefined) and.push({ messages: { some: { text: { contains: escapeLike(filter.text), mode: 'insensitive' } } } });
  return and.length ? { AND: and } : {};
}
