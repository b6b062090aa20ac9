// Pages of the customer's website that the client visited during a dialogue, as the widget
// reports them (PRODUCT.md glossary, "Page visit"). Written through Conversations.recordVisit,
// which checks the dialogue is still active.
import type { PrismaClient } from '@prisma/client';

export interface PageVisitInput { url: string; title?: string | null; at?: Date }

export async function recordPageVisit(prisma: PrismaClient, dialogId: string, visit: PageVisitInput): Promise<void> {
  await prisma.pageVisit.create({ data: { dialogId, url: visit.url, title: visit.title ?? null, visitedAt: visit.at ?? new Date() } });
}
