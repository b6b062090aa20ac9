// Markers set on a dialogue by bot rules (PRODUCT.md glossary, "Marker").
import type { PrismaClient } from '@prisma/client';

/** Sets a marker by name on a dialogue; the marker is created if new; setting it twice is a no-op. */
export async function setMarker(prisma: PrismaClient, dialogId: string, name: string, at: Date = new Date()): Promise<void> {
  // createMany + skipDuplicates is INSERT … ON CONFLICT DO NOTHING: two dialogues creating the same
  // new marker at once cannot fail on the unique name, as an upsert (select, then insert) can.
  await prisma.marker.createMany({ data: [{ name }], skipDuplicates: true });
  const marker = await prisma.marker.findUniqueOrThrow({ where: { name }, select: { id: true } });
  await prisma.dialogMarker.createMany({ data: [{ dialogId, markerId: marker.id, setAt: at }], skipDuplicates: true });
}
