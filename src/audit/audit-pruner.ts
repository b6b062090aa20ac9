// The audit log's own retention: entries older than `retentionDays` are deleted in bounded
// batches, each a transaction that says it is the pruning (SET LOCAL chats.audit_pruning, the only
// way past the append-only trigger) and records an 'audit_pruned' entry with its count, so the
// entry exists iff the deletion committed. Several instances may prune at once: a batch takes
// only rows nobody else has locked (FOR UPDATE SKIP LOCKED), so no row is counted twice.
import type { PrismaClient } from '@prisma/client';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../domain/audit-actions.js';
import type { Logger } from '../logger.js';
import { Worker } from '../workers/worker.js';
import { insertAuditEntries } from './audited-transaction.js';

export interface AuditRetentionOptions {
  /** Entries are kept this many days (default 365). */
  retentionDays?: number;
  /** How often old entries are looked for, in ms (default 1 h); false: never (another instance prunes). */
  pruneIntervalMs?: number | false;
  /** Rows deleted per transaction (default 1,000). */
  batchSize?: number;
}

const DAY_MS = 86_400_000;
// a round does at most this many batches, then yields to the other work of the process
const BATCHES_PER_ROUND = 50;

export function checkRetentionDays(days: unknown): number {
  const value = days ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error('audit.retentionDays must be a whole number of days, at least 1');
  return value;
}

/** Deletes one batch of entries older than `cutoff`; returns how many. */
export async function pruneAuditBatch(prisma: PrismaClient, cutoff: Date, batchSize: number, retentionDays: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL chats.audit_pruning = 'on'");
    const count = await tx.$executeRawUnsafe(
      'DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1::timestamptz ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED)',
      cutoff.toISOString(), batchSize,
    );
    if (count > 0) {
      await insertAuditEntries(tx, [{ action: 'audit_pruned', actor: null, subject: null, details: { count, before: cutoff.toISOString(), retentionDays } }]);
    }
    return count;
  });
}

export class AuditPruner extends Worker {
  readonly retentionDays: number;
  private readonly batchSize: number;

  constructor(private readonly prisma: PrismaClient, options: AuditRetentionOptions & { logger?: Logger } = {}) {
    super({ intervalMs: options.pruneIntervalMs || 3_600_000, logger: options.logger, failureMessage: 'pruning the audit log failed' });
    this.retentionDays = checkRetentionDays(options.retentionDays);
    this.batchSize = options.batchSize ?? 1_000;
  }

  /** Deletes what is older than the retention period, up to BATCHES_PER_ROUND batches; returns how many rows. */
  async prune(now = new Date()): Promise<{ removed: number; more: boolean }> {
    const cutoff = new Date(now.getTime() - this.retentionDays * DAY_MS);
    let removed = 0;
    for (let batch = 0; batch < BATCHES_PER_ROUND; batch += 1) {
      const count = await pruneAuditBatch(this.prisma, cutoff, this.batchSize, this.retentionDays);
      removed += count;
      if (count < this.batchSize) return { removed, more: false };
    }
    return { removed, more: true };
  }

  protected async round(): Promise<number | void> {
    const { more } = await this.prune();
    // more to delete: the next round right after the other work waiting
    if (more) return 0;
  }
}
