// Deterministic demo data: the same options give the same rows, on any machine. Dialogues are
// produced day by day in time order, then the few going on at `now` (live-dialogues.ts), and handed
// out in batches of whole dialogues, so a million messages never sit in memory at once. All times
// are relative to `now`.
import { DEMO_CHATS, type BotRule } from './content.js';
import { buildDialogue, prepareChat, type DialogueRows, type ScriptChat, type ScriptOperator } from './dialogue-script.js';
import { buildLiveDialogue, liveDialogueCount, liveKinds } from './live-dialogues.js';
import { deriveSeed, Random } from './random.js';
import type { ChannelName } from '../../domain/money.js';
import type { DemoBatch } from './rows.js';

export interface DemoOptions {
  dialogs: number;
  /** Dialogues are spread over the `days` days before `now`. */
  days: number;
  seed: number;
  now: Date;
  /** Dialogues per batch. */
  batchSize?: number;
}

export interface DemoChatRow {
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  greeting: string;
  botRules: BotRule[];
  fallbackAnswer: string;
  inactivityTimeoutMinutes: number;
  priceWeb: string;
  priceFacebook: string;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Ids the database gave the rows created before the bulk load. */
export interface GeneratorContext {
  /** One id per DEMO_CHATS entry, same order as demoChatRows(). */
  chatIds: number[];
  operators: ScriptOperator[];
  markerIds: Record<string, number>;
  /** Clients get ids from here on (the writer bumps the sequence afterwards). */
  firstClientId: number;
}

const DAY = 24 * 60 * 60 * 1000;
const INACTIVITY_MINUTES = 30;
// Relative traffic by UTC hour: quiet nights, busy late mornings.
const HOUR_WEIGHTS = [0.15, 0.1, 0.1, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9, 1, 1, 1, 0.95, 0.9, 0.9, 0.9, 0.85, 0.8, 0.8, 0.7, 0.6, 0.4, 0.25];

export function demoChatRows(options: Pick<DemoOptions, 'seed' | 'days' | 'now'>): DemoChatRow[] {
  const rng = new Random(deriveSeed(options.seed, 1));
  return DEMO_CHATS.map((chat) => {
    const createdAt = new Date(options.now.getTime() - (options.days + rng.int(5, 60)) * DAY - rng.int(0, DAY));
    return {
      name: chat.name,
      publicKey: Buffer.from(rng.hex(36), 'hex').toString('base64url'), // same shape as newPublicKey()
      allowedOrigins: chat.allowedOrigins,
      greeting: chat.greeting,
      botRules: chat.botRules,
      fallbackAnswer: chat.fallbackAnswer,
      inactivityTimeoutMinutes: INACTIVITY_MINUTES,
      priceWeb: chat.priceWeb,
      priceFacebook: chat.priceFacebook,
      currency: chat.currency,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

/** Dialogues per day, oldest day first: fewer at weekends, slowly growing; sums to `dialogs`. */
export function dayCounts(dialogs: number, days: number, now: Date): number[] {
  const weights = Array.from({ length: days }, (_, day) => {
    const weekday = new Date(now.getTime() - (days - day) * DAY).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 0.65 : 1) * (0.8 + 0.4 * (day / days));
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const upTo = Math.round((dialogs * cumulative) / total);
    const count = upTo - given;
    given = upTo;
    return count;
  });
}

/** Start times within one day window, following HOUR_WEIGHTS, in order. */
function startTimes(rng: Random, from: number, count: number): number[] {
  const times: number[] = [];
  while (times.length < count) {
    const t = from + Math.floor(rng.next() * DAY);
    if (rng.next() < HOUR_WEIGHTS[new Date(t).getUTCHours()]) times.push(t);
  }
  return times.sort((a, b) => a - b);
}

export function* generateDialogBatches(options: DemoOptions, context: GeneratorContext): Generator<DemoBatch> {
  const rng = new Random(deriveSeed(options.seed, 2));
  const now = options.now.getTime();
  const batchSize = options.batchSize ?? 1000;
  const chats = DEMO_CHATS.map((definition, i) => prepareChat(context.chatIds[i], definition, INACTIVITY_MINUTES));
  const chatChoice = chats.map((chat) => [chat, chat.definition.share] as const);
  // Returning clients: ids already handed out, per chat and channel.
  const known = new Map<string, number[]>();
  let nextClientId = context.firstClientId;
  let batch = emptyBatch();
  const newClient = (chat: ScriptChat, channel: ChannelName, start: number): number => {
    const id = nextClientId++;
    known.get(`${chat.id}:${channel}`)?.push(id);
    // a widget cookie id on the web, a page-scoped id (PSID) on Messenger
    const externalId = channel === 'web' ? `w-${rng.hex(20)}` : rng.digits(16);
    batch.clients.push({ id, chatId: chat.id, channel, externalId, createdAt: new Date(start) });
    return id;
  };
  const add = (rows: DialogueRows): boolean => {
    batch.dialogs.push(rows.dialog);
    batch.messages.push(...rows.messages);
    batch.dialogMarkers.push(...rows.markers);
    batch.pageVisits.push(...rows.visits);
    return batch.dialogs.length >= batchSize;
  };

  // The history: the requested dialogues but the live ones, day by day.
  const live = liveDialogueCount(options.dialogs);
  const counts = dayCounts(options.dialogs - live, options.days, options.now);
  for (let day = 0; day < counts.length; day += 1) {
    const dayStart = now - (options.days - day) * DAY;
    for (const start of startTimes(rng, dayStart, counts[day])) {
      const chat = rng.weighted(chatChoice);
      const channel = rng.chance(chat.definition.facebookShare) ? 'facebook' : 'web';
      const pool = known.get(`${chat.id}:${channel}`) ?? [];
      known.set(`${chat.id}:${channel}`, pool);
      const clientId = pool.length > 0 && rng.chance(0.25) ? rng.pick(pool) : newClient(chat, channel, start);
      if (add(buildDialogue(rng, { chat, channel, clientId, start, now, operators: context.operators, markerIds: context.markerIds }))) {
        yield batch;
        batch = emptyBatch();
      }
    }
  }

  // Then the dialogues going on right now, oldest first. Each has a new client: a returning one
  // would have had its open dialogue resumed instead.
  const liveRng = new Random(deriveSeed(options.seed, 3));
  const ongoing = liveKinds(live).map((kind) => {
    const chat = liveRng.weighted(chatChoice);
    const channel: ChannelName = liveRng.chance(chat.definition.facebookShare) ? 'facebook' : 'web';
    const rows = buildLiveDialogue(liveRng, { chat, channel, clientId: 0, kind, now, operators: context.operators, markerIds: context.markerIds });
    return { chat, channel, rows };
  }).sort((a, b) => a.rows.dialog.createdAt.getTime() - b.rows.dialog.createdAt.getTime());
  for (const { chat, channel, rows } of ongoing) {
    const clientId = newClient(chat, channel, rows.dialog.createdAt.getTime());
    if (add({ ...rows, dialog: { ...rows.dialog, clientId } })) {
      yield batch;
      batch = emptyBatch();
    }
  }
  if (batch.dialogs.length > 0) yield batch;
}

function emptyBatch(): DemoBatch {
  return { clients: [], dialogs: [], messages: [], dialogMarkers: [], pageVisits: [] };
}
