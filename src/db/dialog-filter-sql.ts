// SQL translation of a DialogFilter for the report queries, the counterpart of the list's Prisma
// `where` (src/db/dialog-filter-prisma.ts). Values are always bound parameters.
import type { DialogFilter } from '../domain/dialog-filter.js';
import { noOperatorResponseSql } from '../domain/dialog-status.js';
import { escapeLike } from './like-pattern.js';

export interface SqlFragment { sql: string; params: unknown[] }

/** `WHERE`-less condition on the dialogs table aliased `alias`; parameters start at $firstParam. */
export function dialogFilterSql(filter: DialogFilter, alias = 'd', firstParam = 1): SqlFragment {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  switch (filter.status) {
    case 'active': conditions.push(`${alias}.status = 'active'`); break;
    case 'closed': conditions.push(`${alias}.status = 'closed'`); break;
    case 'no_operator_response': conditions.push(noOperatorResponseSql(alias)); break;
    default: break;
  }
  if (filter.chatId !== undefined) conditions.push(`${alias}.chat_id = ${bind(filter.chatId)}`);
  if (filter.channel !== undefined) conditions.push(`${alias}.channel = ${bind(filter.channel)}::"Channel"`);
  if (filter.operatorId !== undefined) conditions.push(`${alias}.operator_id = ${bind(filter.operatorId)}`);
  if (filter.clientId !== undefined) conditions.push(`${alias}.client_id = ${bind(filter.clientId)}`);
  if (filter.createdFrom !== undefined) conditions.push(`${alias}.created_at >= ${bind(filter.createdFrom)}`);
  if (filter.createdTo !== undefined) conditions.push(`${alias}.created_at <= ${bind(filter.createdTo)}`);
  if (filter.markerId !== undefined) {
    conditions.push(`EXISTS (SELECT 1 FROM dialog_markers dm WHERE dm.dialog_id = ${alias}.id AND dm.marker_id = ${bind(filter.markerId)})`);
  }
  if (filter.text !== undefined) {
    const pattern = `%${escapeLike(filter.text)}%`;
    conditions.push(`EXISTS (SELECT 1 FROM messages m WHERE m.dialog_id = ${alias}.id AND m.text ILIKE ${bind(pattern)})`);
  }
  return { sql: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
}
