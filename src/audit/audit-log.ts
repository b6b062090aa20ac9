// Writes the audit trail (audit_log, append-only). An action that must be recorded either writes
// its entry in its own transaction (auditInsert: the entry and the change commit together) or
// calls record() before it acts; either way a failure to record refuses the action
// (AuditUnavailableError, a 503 with a clear message) rather than letting it pass unrecorded.
import type { SqlRunner } from '../db/sql-runner.js';
import { ChatsError } from '../domain/errors.js';
import type { AuditEntryInput } from '../domain/audit-actions.js';

const LIMITS = { actorKey: 128, actor: 254, address: 64, subject: 300 } as const;
const cut = (value: string | null | undefined, max: number): string | null => (value == null ? null : value.slice(0, max));

/** The INSERT of one entry, for a caller's own transaction; `$first` is the first parameter's number. */
export function auditInsert(entry: AuditEntryInput, first = 1): { sql: string; params: unknown[] } {
  const p = (i: number) => `$${first + i}`;
  return {
    sql: `INSERT INTO audit_log (action, actor_key, actor, address, subject, details) VALUES (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::jsonb)`,
    params: [
      entry.action,
      cut(entry.actor?.key, LIMITS.actorKey),
      cut(entry.actor?.name, LIMITS.actor),
      cut(entry.address, LIMITS.address),
      cut(entry.subject, LIMITS.subject),
      JSON.stringify(entry.details ?? {}),
    ],
  };
}

export class AuditUnavailableError extends ChatsError {
  constructor(cause: unknown) {
    super('unavailable', 'audit_unavailable', 'The action could not be recorded in the audit log, so it was not done; retry in a moment.', { details: { retryAfter: 5 }, cause });
  }
}

export class AuditLog {
  constructor(private readonly sql: SqlRunner) {}

  /** Appends one entry; throws AuditUnavailableError when it cannot. */
  async record(entry: AuditEntryInput): Promise<void> {
    const { sql, params } = auditInsert(entry);
    try {
      await this.sql.query(sql, params, 'chats_audit_insert');
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
  }
}
