// Dialogues going on at `now`, so the demo shows live work right after the first start: some
// waiting for an operator (transferred, no operator reply yet), some being handled by an operator,
// some with the bot only. Their last message is a few minutes old, well within the chats'
// inactivity timeout, so the inactivity closer (which runs at start, possibly after a slow load)
// leaves them open for a good while. Without them, history alone gives next to none: dialogues
// spread over 90 days are all older than the timeout.
import { buildDialogue, type DialogueRows, type ScriptInput } from './dialogue-script.js';
import type { Random } from './random.js';

const MINUTE = 60 * 1000;

export type LiveKind = 'waiting' | 'operator' | 'bot';

/** About as many dialogues as a small support team has open at once; part of the requested total. */
export function liveDialogueCount(dialogs: number): number {
  return Math.min(dialogs, Math.max(6, Math.min(30, Math.round(dialogs / 250))));
}

/** The kinds in turn, so even a small demo has each of them. */
export function liveKinds(count: number): LiveKind[] {
  const order: LiveKind[] = ['waiting', 'operator', 'bot'];
  return Array.from({ length: count }, (_, i) => order[i % order.length]);
}

function kindOf(rows: DialogueRows): LiveKind {
  if (!rows.dialog.transferredAt) return 'bot';
  return rows.dialog.firstOperatorReplyAt ? 'operator' : 'waiting';
}

// Enough draws for the rarest kind (a transfer nobody answered: about 1 in 11), and a bound when a
// kind cannot happen at all (no operators): then the last draw is used as it is.
const MAX_DRAWS = 200;

export interface LiveInput extends Omit<ScriptInput, 'start'> {
  kind: LiveKind;
}

/**
 * One live dialogue: the same scripts as the history (so it reads like the others), drawn until
 * one goes the wanted way, then moved in time so that its last message was 1 to 8 minutes before
 * `now`. It stays active: nobody closed it yet.
 */
export function buildLiveDialogue(rng: Random, input: LiveInput): DialogueRows {
  let rows: DialogueRows;
  let draws = 0;
  do {
    // scripted from time 0 with no "now" to stop at: the whole dialogue so far
    rows = buildDialogue(rng, { ...input, start: 0, now: Number.POSITIVE_INFINITY });
    draws += 1;
  } while (kindOf(rows) !== input.kind && draws < MAX_DRAWS);
  const lastMessageAt = rows.dialog.lastMessageAt?.getTime() ?? 0;
  const quiet = input.kind === 'waiting' ? rng.int(1 * MINUTE, 6 * MINUTE) : rng.int(1 * MINUTE, 8 * MINUTE);
  return moveInTime({ ...rows, dialog: { ...rows.dialog, status: 'active', closedAt: null } }, input.now - quiet - lastMessageAt);
}

/** Every time of a dialogue moved by `delta` ms: its facts stay consistent with its messages. */
function moveInTime(rows: DialogueRows, delta: number): DialogueRows {
  const move = (date: Date) => new Date(date.getTime() + delta);
  const moveOrNull = (date: Date | null) => (date ? move(date) : null);
  const { dialog } = rows;
  return {
    dialog: {
      ...dialog,
      createdAt: move(dialog.createdAt),
      transferredAt: moveOrNull(dialog.transferredAt),
      firstOperatorReplyAt: moveOrNull(dialog.firstOperatorReplyAt),
      lastMessageAt: moveOrNull(dialog.lastMessageAt),
      closedAt: moveOrNull(dialog.closedAt),
    },
    messages: rows.messages.map((message) => ({ ...message, sentAt: move(message.sentAt) })),
    markers: rows.markers.map((marker) => ({ ...marker, setAt: move(marker.setAt) })),
    visits: rows.visits.map((visit) => ({ ...visit, visitedAt: move(visit.visitedAt) })),
  };
}
