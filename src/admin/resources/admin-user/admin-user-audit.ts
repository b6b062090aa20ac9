// What the audit log records of a built-in account's New, Edit and Delete: the fields changed
// (a new password as "password", never the hash) and a role change from → to.
import type { ResourceAudit } from '../../audited-writes.js';
import { auditEntry } from '../../../audit/request-context.js';

const userSubject = (row: { id?: unknown; email?: unknown }): string => `User ${String(row.id)} · ${String(row.email ?? '')}`;

export const adminUserAudit: ResourceAudit = {
  created: 'user_created',
  changed: 'user_changed',
  deleted: 'user_deleted',
  subject: userSubject,
  rules: { secret: ['passwordHash'], names: { passwordHash: 'password' }, ignore: ['id', 'createdAt', 'sessionVersion'] },
  more: (before, after) => (before.role === after.role ? [] : [
    auditEntry('user_role_changed', userSubject(after), { id: after.id, from: before.role, to: after.role }),
  ]),
};
