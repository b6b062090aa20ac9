// SQL translation of the Message list's filters, for its capped count (src/db/capped-count.ts):
// the counterpart of the list's Prisma `where` (ChatsPrismaResource.buildWhere with the dialogue
// filter of message.resource.ts); test/db/message-filter-sql.test.ts holds the two to the same rows.
import { isUuid } from '../domain/uuid.js';
import type { SqlFragment } from './dialog-filter-sql.js';
import { escapeLike } from './like-pattern.js';

export interface MessageFilter {
  /** A session id; anything else matches nothing. */
  dialog?: string;
  authorType?: string;
  deliveryStatus?: string;
  sentFrom?: Date;
  sentTo?: Date;
  /** Case-insensitive text the message contains (% and _ literal). */
  text?: string;
}

export function messageFilterSql(filter: MessageFilter, alias = 'm'): SqlFragment {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.dialog !== undefined) conditions.push(isUuid(filter.dialog) ? `${alias}.dialog_id = ${bind(filter.dialog.toLowerCase())}::uuid` : 'FALSE');
  if (filter.authorType !== undefined) conditions.push(`${alias}.author_type = ${bind(filter.authorType)}::"AuthorType"`);
  if (filter.deliveryStatus !== undefined) conditions.push(`${alias}.delivery_status = ${bind(filter.deliveryStatus)}::"DeliveryStatus"`);
  if (filter.sentFrom !== undefined) conditions.push(`${alias}.sent_at >= ${bind(filter.sentFrom)}`);
  if (filter.sentTo !== undefined) conditions.push(`${alias}.sent_at <= ${bind(filter.sentTo)}`);
  if (filter.text !== undefined) conditions.push(`${alias}.text ILIKE ${bind(`%${escapeLike(filter.text)}%`)}`);
  return { sql: conditions.length ? conditions.join(' AND ') : 'TRUE', params };
}
