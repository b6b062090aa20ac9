// Who is acting and from where, for whatever records an audit entry during a request: the admin
// router (src/http/admin-router.ts) runs each request inside this context, so AdminJS actions,
// resources and services get the actor and address without having them passed through AdminJS.
// Outside a request (a worker) the actor and address are null.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditAction, AuditActor, AuditEntryInput } from '../domain/audit-actions.js';

export interface AuditSource {
  actor: AuditActor | null;
  address: string | null;
}

const NOBODY: AuditSource = { actor: null, address: null };

// a function, read when an entry is made: the signed-in user can change during the request (login)
const storage = new AsyncLocalStorage<() => AuditSource>();

/** Runs `fn` (and everything it starts) with `source` as the actor and address of its entries. */
export function runWithAuditSource<T>(source: () => AuditSource, fn: () => T): T {
  return storage.run(source, fn);
}

/** The actor and address of the request being served; null for both outside a request. */
export function currentAuditSource(): AuditSource {
  return storage.getStore()?.() ?? NOBODY;
}

/** An entry by the current actor from the current address. */
export function auditEntry(action: AuditAction, subject: string | null, details: Record<string, unknown> = {}): AuditEntryInput {
  const { actor, address } = currentAuditSource();
  return { action, actor, address, subject, details };
}
