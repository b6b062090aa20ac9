// The audit log is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused
// through Prisma and plain SQL alike, unless a transaction says it is the pruning, and then only
// DELETE. The pruner removes entries older than the retention period only, in batches, records
// what it removed, and several instances pruning at once remove each entry once.
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { AuditLog, AuditUnavailableError } from '../../src/audit/audit-log.js';
import { AuditPruner, checkRetentionDays } from '../../src/audit/audit-pruner.js';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../src/domain/audit-actions.js';
import { currentAuditSource, runWithAuditSource } from '../../src/audit/request-context.js';
import { Worker } from '../../src/workers/worker.js';

const DAY = 86_400_000;
const APPEND_ONLY = /append-only/;

describeEachDatabase('the audit log table', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db.drop());

  const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
  // Prisma's raw queries on the PGlite adapter lose the database's message ("Message: undefined")
  const RAW_REFUSED = kind === 'pglite' ? /append-only|Raw query failed/ : APPEND_ONLY;

  describe('append-only', () => {
    let id: number;
    beforeAll(async () => {
      await new AuditLog(db.sql).record({ action: 'login', actor: { key: '1', name: 'admin@example.com' }, address: '127.0.0.1', details: { a: 1 } });
      id = (await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'login' } })).id;
    });

    it('refuses UPDATE, DELETE and TRUNCATE through Prisma', async () => {
      await expect(db.prisma.auditEntry.update({ where: { id }, data: { actor: 'someone else' } })).rejects.toThrow(APPEND_ONLY);
      await expect(db.prisma.auditEntry.updateMany({ data: { actor: 'someone else' } })).rejects.toThrow(APPEND_ONLY);
      await expect(db.prisma.auditEntry.delete({ where: { id } })).rejects.toThrow(APPEND_ONLY);
      await expect(db.prisma.auditEntry.deleteMany({})).rejects.toThrow(APPEND_ONLY);
      await expect(db.prisma.$executeRawUnsafe('TRUNCATE audit_log')).rejects.toThrow(RAW_REFUSED);
      expect(await db.prisma.auditEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ actor: 'admin@example.com' });
    });

    it('refuses them through SQL, and lets the pruning transaction DELETE but never UPDATE', async () => {
      await expect(db.sql.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(APPEND_ONLY);
      await expect(db.sql.query('DELETE FROM audit_log')).rejects.toThrow(APPEND_ONLY);
      await expect(db.sql.exec('TRUNCATE audit_log')).rejects.toThrow(APPEND_ONLY);
      await expect(db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL chats.audit_pruning = 'on'");
        await tx.$executeRawUnsafe("UPDATE audit_log SET actor = 'x'");
      })).rejects.toThrow(RAW_REFUSED);
      await expect(db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL chats.audit_pruning = 'on'");
        await tx.$executeRawUnsafe('TRUNCATE audit_log');
      })).rejects.toThrow(RAW_REFUSED);
      // the setting is local: it ends with its transaction
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL chats.audit_pruning = 'on'");
        await tx.$executeRawUnsafe("INSERT INTO audit_log (action) VALUES ('logout')");
        await tx.$executeRawUnsafe("DELETE FROM audit_log WHERE action = 'logout'");
      });
      await expect(db.sql.query('DELETE FROM audit_log')).rejects.toThrow(APPEND_ONLY);
      expect(await db.prisma.auditEntry.findUniqueOrThrow({ where: { id } })).toMatchObject({ actor: 'admin@example.com' });
    });

    it('answers a failed write with AuditUnavailableError (a 503 with a clear message)', async () => {
      const broken = { ...db.sql, query: async () => { throw new Error('connection lost'); } };
      const error = await new AuditLog(broken as never).record({ action: 'logout', actor: null }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuditUnavailableError);
      expect(error).toMatchObject({ kind: 'unavailable', code: 'audit_unavailable', message: expect.stringContaining('could not be recorded in the audit log') });
    });
  });

  describe('the pruner', () => {
    beforeEach(async () => {
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL chats.audit_pruning = 'on'");
        await tx.$executeRawUnsafe('DELETE FROM audit_log');
      });
    });

    it('defaults to a year and refuses a retention that is not a whole number of days', () => {
      expect(new AuditPruner(db.prisma).retentionDays).toBe(DEFAULT_AUDIT_RETENTION_DAYS);
      expect(DEFAULT_AUDIT_RETENTION_DAYS).toBe(365);
      for (const wrong of [0, -1, 1.5, '30']) expect(() => checkRetentionDays(wrong)).toThrow(/retentionDays/);
    });

    it('removes only entries older than the retention period, in batches, and records how many', async () => {
      const rows = [
        ...Array.from({ length: 25 }, (_, i) => ({ action: 'login', actor: `old${i}`, at: daysAgo(31 + i) })),
        { action: 'logout', actor: 'recent', at: daysAgo(29) },
        { action: 'login', actor: 'today', at: new Date() },
      ];
      await db.prisma.auditEntry.createMany({ data: rows });
      const pruner = new AuditPruner(db.prisma, { retentionDays: 30, batchSize: 10 });
      expect(await pruner.prune()).toEqual({ removed: 25, more: false });
      const left = await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } });
      expect(left.filter((row) => row.action !== 'audit_pruned').map((row) => row.actor)).toEqual(['recent', 'today']);
      const pruned = left.filter((row) => row.action === 'audit_pruned');
      // one entry per batch (10, 10, 5), each written in its batch's transaction, by nobody
      expect(pruned.map((row) => (row.details as { count: number }).count)).toEqual([10, 10, 5]);
      expect(pruned[0]).toMatchObject({ actor: null, actorKey: null, address: null, details: { retentionDays: 30 } });
      expect(await pruner.prune()).toEqual({ removed: 0, more: false });
      expect(await db.prisma.auditEntry.count({ where: { action: 'audit_pruned' } })).toBe(3);
    });

    it('runs as a worker: start() prunes at once', async () => {
      await db.prisma.auditEntry.create({ data: { action: 'login', at: daysAgo(400) } });
      const pruner = new AuditPruner(db.prisma);
      await pruner.start();
      await pruner.tick();
      await pruner.stop();
      expect(await db.prisma.auditEntry.count({ where: { action: 'login' } })).toBe(0);
    });

    it('records by nobody even when a request woke it', async () => {
      const seen: unknown[] = [];
      class Recorder extends Worker {
        constructor() { super({ intervalMs: 60_000, failureMessage: 'x' }); }
        protected async round() { seen.push(currentAuditSource()); }
      }
      const worker = new Recorder();
      const inRequest = { actor: { key: '1', name: 'admin@example.com' }, address: '10.0.0.9' };
      await runWithAuditSource(() => inRequest, async () => {
        expect(currentAuditSource()).toEqual(inRequest);
        await worker.tick();
      });
      expect(seen).toEqual([{ actor: null, address: null }]);
    });

    it('removes each entry once when several instances prune at the same time', async () => {
      await db.prisma.auditEntry.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ action: 'login', at: daysAgo(40 + (i % 5)) })) });
      await db.prisma.auditEntry.create({ data: { action: 'login', actor: 'kept', at: daysAgo(1) } });
      const pruners = [1, 2, 3].map(() => new AuditPruner(db.prisma, { retentionDays: 30, batchSize: 20 }));
      const results = await Promise.all(pruners.map((pruner) => pruner.prune()));
      expect(results.reduce((sum, result) => sum + result.removed, 0)).toBe(300);
      const counts = (await db.prisma.auditEntry.findMany({ where: { action: 'audit_pruned' } })).map((row) => (row.details as { count: number }).count);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(300);
      expect(await db.prisma.auditEntry.findMany({ where: { action: 'login' }, select: { actor: true } })).toEqual([{ actor: 'kept' }]);
    });
  });
});
