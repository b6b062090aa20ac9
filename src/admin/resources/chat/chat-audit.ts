// What the audit log records of a chat's New, Edit and Delete, and of its Facebook connection.
import type { ResourceAudit } from '../../audited-writes.js';

/** Named as changed, never valued: the Facebook secrets, the verify token and the widget key. */
export const CHAT_SECRET_FIELDS = ['fbPageTokenEnc', 'fbAppSecretEnc', 'fbVerifyToken', 'publicKey'] as const;

export const chatSubject = (row: { id?: unknown; name?: unknown }): string => `Chat ${String(row.id)} · ${String(row.name ?? '')}`;

export const chatAudit: ResourceAudit = {
  created: 'chat_created',
  changed: 'chat_changed',
  deleted: 'chat_deleted',
  subject: chatSubject,
  rules: { secret: CHAT_SECRET_FIELDS, ignore: ['id', 'createdAt', 'updatedAt'] },
};
