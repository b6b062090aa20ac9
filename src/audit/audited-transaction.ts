// A change and its audit entries in one Prisma transaction: the entries exist if and only if the
// change committed. An entry that cannot be written rolls the change back and refuses it with
// AuditUnavailableError (a 503 with a clear message).
import type { Prisma, PrismaClient } from '@prisma/client';
import type { AuditEntryInput } from '../domain/audit-actions.js';
import { auditInsert, AuditUnavailableError } from './audit-log.js';

export type Tx = Prisma.TransactionClient;

/** Writes the entries in the caller's transaction; throws AuditUnavailableError when it cannot. */
export async function insertAuditEntries(tx: Tx, entries: readonly AuditEntryInput[]): Promise<void> {
  for (const entry of entries) {
    const { sql, params } = auditInsert(entry);
    try {
      await tx.$executeRawUnsafe(sql, ...params);
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
  }
}

/** Runs `change`, then writes the entries it describes, in one transaction. */
export async function auditedTransaction<T>(
  prisma: PrismaClient,
  change: (tx: Tx) => Promise<{ result: T; entries: readonly AuditEntryInput[] }>,
  options: { timeout?: number } = {},
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const { result, entries } = await change(tx);
    await insertAuditEntries(tx, entries);
    return result;
  }, options.timeout ? { timeout: options.timeout } : undefined);
}
