// Hands a dialogue over to operators. The first transfer time is kept (later transfers do not
// reset it), so "No operator response" and first response times measure from the first hand-over.
import type { PrismaClient } from '@prisma/client';
import { applyTransfer } from '../domain/dialog-facts.js';
import { withLockedDialog } from './dialog-lock.js';

export interface TransferOptions {
  /** Defaults to now. */
  at?: Date;
  /** The operator who takes the dialogue, when known. */
  operatorId?: number | null;
}

export async function transferToOperator(prisma: PrismaClient, dialogId: string, options: TransferOptions = {}): Promise<{ transferredAt: Date }> {
  const at = options.at ?? new Date();
  return withLockedDialog(prisma, dialogId, async (tx, dialog) => {
    const facts = applyTransfer(dialog, at);
    await tx.dialog.update({
      where: { id: dialogId },
      data: { transferredAt: facts.transferredAt, operatorId: options.operatorId ?? dialog.operatorId },
    });
    return { transferredAt: facts.transferredAt as Date };
  });
}
