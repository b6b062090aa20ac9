// Demo data on the first start of the standalone application: an empty database (no chats) gets
// a few thousand dialogues over the last 90 days, so every screen and report has something to show.
import type { Database } from '../database.js';
import { seedDemoData, type SeedSummary } from './seed.js';

export const DEMO_DEFAULTS = { dialogs: 3000, days: 90, seed: 20261125 } as const;

export interface LoadDemoOptions {
  dialogs?: number;
  days?: number;
  seed?: number;
  now?: Date;
  log?: (line: string) => void;
}

/** Loads the demo data set when there is no chat yet; returns what was loaded, or null. */
export async function loadDemoDataIfEmpty(db: Database, options: LoadDemoOptions = {}): Promise<SeedSummary | null> {
  if ((await db.prisma.chat.count()) > 0) return null;
  const log = options.log ?? ((line: string) => console.log(line));
  log('Empty database: loading demo data...');
  const summary = await seedDemoData(db, {
    dialogs: options.dialogs ?? DEMO_DEFAULTS.dialogs,
    days: options.days ?? DEMO_DEFAULTS.days,
    seed: options.seed ?? DEMO_DEFAULTS.seed,
    now: options.now ?? new Date(),
  });
  log(`Demo data loaded in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${summary.chats} chats, ${summary.dialogs} dialogues, `
    + `${summary.messages} messages. Demo accounts: ${summary.logins.join(', ')}.`);
  return summary;
}
