// Closes a dialogue (by the client, an operator or inactivity). One conditional UPDATE: closing
// twice keeps the first closing time, and no lock is needed.
import type { PrismaClient } from '@prisma/client';

export async function closeDialog(prisma: PrismaClient, dialogId: string, at: Date = new Date()): Promise<boolean> {
  const { count } = await prisma.dialog.updateMany({ where: { id: dialogId, status: 'active' }, data: { status: 'closed', closedAt: at } });
  return count === 1;
}
