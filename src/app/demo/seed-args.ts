// Command-line arguments of the seed CLI (seed-cli.ts), apart so tests can check them.
import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS } from './load-demo.js';

export const USAGE = `Usage: npm run seed -- [--dialogs N] [--days D] [--seed S] [--reset]
  --dialogs N  dialogues to generate (1..10000000, default ${DEMO_DEFAULTS.dialogs}); about 10 messages each
  --days D     spread them over the last D days (1..3650, default ${DEMO_DEFAULTS.days})
  --seed S     random seed, the same seed gives the same data (0..4294967295, default ${DEMO_DEFAULTS.seed})
  --reset      delete ALL chats, dialogues, messages and markers first (users are kept)
Database: DATABASE_URL (PostgreSQL), or the embedded database in DATA_DIR (default ./data).`;

export interface SeedArgs { dialogs: number; days: number; seed: number; reset: boolean; help: boolean }

export class UsageError extends Error {}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

export function parseSeedArgs(argv: string[]): SeedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        dialogs: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
        reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  return {
    dialogs: integer('dialogs', values.dialogs, DEMO_DEFAULTS.dialogs, 1, 10_000_000),
    days: integer('days', values.days, DEMO_DEFAULTS.days, 1, 3650),
    seed: integer('seed', values.seed, DEMO_DEFAULTS.seed, 0, 0xffffffff),
    reset: values.reset ?? false,
    help: values.help ?? false,
  };
}
