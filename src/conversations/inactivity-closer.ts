// Closes dialogues nobody wrote in for longer than their chat's inactivity timeout
// (chats.inactivity_timeout_minutes), then tells their watchers. One UPDATE for all chats: it
// locks each row it changes (in id order) and re-checks the condition on the row's latest version,
// so a message stored at the same moment (under the dialogue's lock) keeps its dialogue open.
// The closing time is when the dialogue became inactive (last message + timeout), not when the
// check ran: after a restart the dialogues do not look hours longer than they were.
import type { PrismaClient } from '@prisma/client';
import type { LiveHub } from './live-hub.js';
import type { Logger } from '../logger.js';
import { Worker } from '../workers/worker.js';

export interface ClosedDialog { id: string; operatorId: number | null }

/** Closes every stale active dialogue; returns them. */
export async function closeInactiveDialogs(prisma: PrismaClient, hub: LiveHub | null, now: Date = new Date()): Promise<ClosedDialog[]> {
  const rows = await prisma.$queryRaw<{ id: string; operatorId: number | null }[]>`
    WITH stale AS ( -- locked in id order, as the store statement locks its dialogues: no deadlock
      SELECT d.id FROM dialogs d JOIN chats c ON c.id = d.chat_id
      WHERE d.status = 'active'
        AND COALESCE(d.last_message_at, d.created_at) + make_interval(mins => c.inactivity_timeout_minutes) <= ${now.toISOString()}::timestamptz
      ORDER BY d.id
      FOR UPDATE OF d
    )
    UPDATE dialogs d
    SET status = 'closed',
        closed_at = COALESCE(d.last_message_at, d.created_at) + make_interval(mins => c.inactivity_timeout_minutes)
    FROM chats c
    WHERE c.id = d.chat_id
      AND d.id IN (SELECT id FROM stale)
      AND d.status = 'active'
      AND COALESCE(d.last_message_at, d.created_at) + make_interval(mins => c.inactivity_timeout_minutes) <= ${now.toISOString()}::timestamptz
    RETURNING d.id::text AS id, d.operator_id AS "operatorId"`;
  const closed = rows.map((row) => ({ id: row.id, operatorId: row.operatorId === null ? null : Number(row.operatorId) }));
  for (const dialog of closed) {
    hub?.publish(dialog.id, { type: 'status', dialogId: dialog.id, status: 'closed', waitingForOperator: false, operatorId: dialog.operatorId, reason: 'inactivity' });
  }
  return closed;
}

export interface InactivityCloserOptions {
  /** How often to check; one minute by default. */
  intervalMs?: number;
  logger?: Logger;
}

/** Closes stale dialogues at start and then every `intervalMs` (a Worker: rounds never overlap). */
export class InactivityCloser extends Worker {
  constructor(private readonly prisma: PrismaClient, private readonly hub: LiveHub, options: InactivityCloserOptions = {}) {
    super({ intervalMs: options.intervalMs ?? 60_000, logger: options.logger, failureMessage: 'closing inactive dialogues failed' });
  }

  protected async round(): Promise<void> {
    await closeInactiveDialogs(this.prisma, this.hub);
  }
}
