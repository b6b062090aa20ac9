// What a resource's create, update and delete record in the audit log (ChatsPrismaResource with
// an `audit` description): the entry goes into the same transaction as the change, so it exists
// if and only if the change committed, and a change whose entry cannot be written is refused.
import type { AuditAction, AuditEntryInput } from '../domain/audit-actions.js';
import { fieldChanges, type ChangeRules } from '../domain/audit-changes.js';
import { auditEntry } from '../audit/request-context.js';

type Row = Record<string, unknown>;

export interface ResourceAudit {
  created: AuditAction;
  changed: AuditAction;
  deleted: AuditAction;
  /** The record in words, e.g. "Chat 12 · Shop". */
  subject(row: Row): string;
  /** Secret, ignored and renamed columns (src/domain/audit-changes.ts). */
  rules?: ChangeRules;
  /** Entries of their own for some changes (a role change: from → to). */
  more?(before: Row, after: Row): AuditEntryInput[];
}

/** The entries for a change from `before` (null: created) to `after` (null: deleted). */
export function writeEntries(audit: ResourceAudit, before: Row | null, after: Row | null): AuditEntryInput[] {
  const row = (after ?? before) as Row;
  const subject = audit.subject(row);
  if (!before) return [auditEntry(audit.created, subject, { id: row.id, ...fieldChanges(null, after, audit.rules) })];
  if (!after) return [auditEntry(audit.deleted, subject, { id: row.id })];
  const changes = fieldChanges(before, after, audit.rules);
  const more = audit.more?.(before, after) ?? [];
  // saving the form unchanged is not a change
  return [...(changes.fields.length ? [auditEntry(audit.changed, subject, { id: row.id, ...changes })] : []), ...more];
}
