// What the audit trail records (README "Personal data"): one name per kind of action. The names
// are stored in audit_log.action and offered as the log's "action" filter.
export const AUDIT_ACTIONS = [
  'login', // a built-in account signed in (address recorded)
  'login_failed', // a wrong e-mail or password, or a throttled attempt (the e-mail typed)
  'logout',
  'report_requested', // an export: report type and the exact filter
  'report_downloaded',
  'chat_created',
  'chat_changed', // which fields, never their secret values
  'chat_deleted',
  'facebook_connected',
  'facebook_disconnected',
  'user_created',
  'user_changed',
  'user_role_changed',
  'user_deleted',
  'client_erased', // on request: the client, the chat, and what was removed
  'retention_run', // a chat's retention period applied: how much was removed
  'audit_pruned', // the audit log's own retention
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: unknown): value is AuditAction =>
  typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);

/** Who did it: the host's user id and a readable name (e-mail, else name); null for the system (a worker). */
export interface AuditActor {
  key: string | null;
  name: string | null;
}

export interface AuditEntryInput {
  action: AuditAction;
  actor: AuditActor | null;
  /** The client's address, where a request caused it. */
  address?: string | null;
  /** What it was done to, in words ("Chat 12 · Shop"). */
  subject?: string | null;
  /** The facts: fields changed, the report's filter, counts removed. Never a secret value. */
  details?: Record<string, unknown>;
}

/** The audit log keeps entries this long unless configured otherwise (README "Personal data"). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
