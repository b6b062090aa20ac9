// Markers set on a dialogue (by bot rules) and pages visited by the client during the dialogue.
import type { PrismaClient } from '@prisma/client';

/** Sets a marker by name on a dialogue; the marker is created if new; setting it twice is a no-op. */
export async function setMarker(prisma: PrismaClient, dialogId: string, name: string, at: Date = new Date()): Promise<void> {
  // createMany + skipDuplicates is INSERT … ON CONFLICT DO NOTHING: two dialogues creating the same
  // new marker at once cannot fail on the unique name, as an upsert (select, then insert) can.
  await prisma.marker.createMany({ data: [{ name }], skipDuplicates: true });
  const marker = await prisma.marker.findUniqueOrThrow({ where: { name }, select: { id: true } });
  await prisma.dialogMarker.createMany({ data: [{ dialogId, markerId: marker.id, setAt: at }], skipDuplicates: true });
}

export interface PageVisitInput { url: string; title?: string | null; at?: Date }

export async function recordPageVisit(prisma: PrismaClient, dialogId: string, visit: PageVisitInput): Promise<void> {
  await prisma.pageVisit.create({ data: { dialogId, url: visit.url, title: visit.title ?? null, visitedAt: visit.at ?? new Date() } });
}
