import type { PrismaClient } from '@prisma/client';
export async function loadDemoDataIfEmpty(_prisma: PrismaClient): Promise<void> {}
