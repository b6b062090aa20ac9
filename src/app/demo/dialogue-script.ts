// One demo dialogue, message by message: bot greeting, client questions answered by the chat's bot
// rules (or the fallback), sometimes a transfer to an operator who answers or never does, then a
// closing. The dialogue's facts are accumulated with the same functions the message store uses,
// so cost, counts and "no operator response" agree exactly with the messages.
import { applyMessage, applyTransfer, emptyDialogFacts, type DialogRunningFacts } from '../../domain/dialog-facts.js';
import { messageCost, type AuthorType, type ChannelName } from '../../domain/money.js';
import { hasNoOperatorResponse } from '../../domain/dialog-status.js';
import {
  BOT_ANYTHING_ELSE, CLIENT_FOLLOW_UPS, CLIENT_QUESTIONS, CLIENT_THANKS, CLIENT_WAITING, OPERATOR_GREETINGS, OPERATOR_REPLIES,
  TRANSFER_TEXT, type BotRule, type DemoChatDefinition, type Language,
} from './content.js';
import type { Random } from './random.js';
import type { DialogMarkerRow, DialogRow, MessageRow, PageVisitRow } from './rows.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface ScriptOperator { id: number; name: string; language: Language }

/** A chat prepared once for many dialogues. */
export interface ScriptChat {
  id: number;
  definition: DemoChatDefinition;
  rules: { regex: RegExp; rule: BotRule }[];
  price: Record<ChannelName, string>;
  inactivityMs: number;
}

export interface ScriptInput {
  chat: ScriptChat;
  channel: ChannelName;
  clientId: number;
  start: number;
  now: number;
  operators: readonly ScriptOperator[];
  markerIds: Readonly<Record<string, number>>;
}

export interface DialogueRows { dialog: DialogRow; messages: MessageRow[]; markers: DialogMarkerRow[]; visits: PageVisitRow[] }

export function prepareChat(id: number, definition: DemoChatDefinition, inactivityMinutes = 30): ScriptChat {
  return {
    id,
    definition,
    rules: definition.botRules.map((rule) => ({ regex: new RegExp(rule.pattern, 'i'), rule })),
    price: { web: definition.priceWeb, facebook: definition.priceFacebook },
    inactivityMs: inactivityMinutes * MINUTE,
  };
}

/** Small spelling differences that phrase normalization folds together again. */
function vary(rng: Random, text: string): string {
  const withNumber = text.replace('#', () => String(rng.int(10000, 99999)));
  switch (rng.weighted([['same', 70], ['lower', 10], ['bare', 8], ['loud', 6], ['spaced', 6]] as const)) {
    case 'lower': return withNumber.toLowerCase();
    case 'bare': return withNumber.replace(/[?!.]+$/, '');
    case 'loud': return withNumber.replace(/[?!.]*$/, rng.pick(['??', '!', '!!']));
    case 'spaced': return `${withNumber.replace(' ', '  ')} `;
    default: return withNumber;
  }
}

class Timeline {
  facts: DialogRunningFacts = emptyDialogFacts();
  readonly messages: MessageRow[] = [];
  readonly markers = new Map<number, Date>();
  readonly visits: PageVisitRow[] = [];
  operatorId: number | null = null;
  /** False once the next event would be after "now": the dialogue is still going on. */
  alive = true;
  t: number;

  constructor(private readonly input: ScriptInput, private readonly dialogId: string, private readonly rng: Random) {
    this.t = input.start;
  }

  wait(minMs: number, maxMs: number, skewed = false): void {
    this.t += skewed ? this.rng.skewed(minMs, maxMs) : this.rng.int(minMs, maxMs);
  }

  say(authorType: AuthorType, text: string, author: { name: string | null; operatorId?: number } = { name: null }): boolean {
    if (this.alive && this.t > this.input.now) this.alive = false;
    if (!this.alive) return false;
    const sentAt = new Date(this.t);
    const { isPaid, cost } = messageCost(authorType, this.input.chat.price[this.input.channel]);
    this.messages.push({ dialogId: this.dialogId, authorType, authorName: author.name, operatorId: author.operatorId ?? null, text, sentAt, isPaid, cost });
    this.facts = applyMessage(this.facts, { authorType, sentAt, cost });
    if (author.operatorId !== undefined) this.operatorId = author.operatorId;
    return true;
  }

  transfer(): void {
    if (this.say('system', TRANSFER_TEXT)) this.facts = applyTransfer(this.facts, new Date(this.t));
  }

  mark(names: readonly string[]): void {
    for (const name of names) {
      const id = this.input.markerIds[name];
      if (id !== undefined && !this.markers.has(id)) this.markers.set(id, new Date(this.t));
    }
  }

  /** A page opened between the previous event and now (the widget reports it). */
  visit(from: number): void {
    if (!this.alive || this.t > this.input.now) return;
    const page = this.rng.pick(this.input.chat.definition.pages);
    const origin = this.input.chat.definition.allowedOrigins[0];
    const at = from + Math.floor((this.t - from) / 2);
    this.visits.push({ dialogId: this.dialogId, url: origin + page.path, title: page.title, visitedAt: new Date(at) });
  }
}

export function buildDialogue(rng: Random, input: ScriptInput): DialogueRows {
  const { chat } = input;
  const def = chat.definition;
  const id = rng.uuid();
  const other: Language = def.language === 'en' ? 'ru' : 'en';
  const language: Language = rng.chance(0.88) ? def.language : other;
  const line = new Timeline(input, id, rng);
  const bot = { name: def.botName };
  const answer = (text: string, nudge = true): boolean => {
    line.wait(1 * SECOND, 3 * SECOND);
    const hit = chat.rules.find(({ regex }) => regex.test(text));
    const said = line.say('bot', hit ? hit.rule.answer : def.fallbackAnswer, bot);
    if (hit && said) line.mark(hit.rule.markers);
    if (nudge && hit && !hit.rule.transfer && rng.chance(0.35)) {
      line.wait(2 * SECOND, 5 * SECOND);
      line.say('bot', BOT_ANYTHING_ELSE[def.language], bot);
    }
    return hit ? hit.rule.transfer : rng.chance(0.25); // after a fallback some clients ask for a person
  };

  line.say('bot', def.greeting, bot);
  line.visit(line.t); // the page the widget was opened on
  const turns = rng.weighted([[1, 20], [2, 30], [3, 30], [4, 20]] as const);
  let transfer = false;
  for (let turn = 0; turn < turns && !transfer; turn += 1) {
    const before = line.t;
    line.wait(5 * SECOND, 90 * SECOND);
    if (turn > 0 && rng.chance(0.35)) line.visit(before);
    const text = turn === 0 || rng.chance(0.65) ? vary(rng, rng.weighted(CLIENT_QUESTIONS[language])) : vary(rng, rng.pick(CLIENT_FOLLOW_UPS[language]));
    line.say('client', text);
    transfer = answer(text);
  }
  if (!transfer && rng.chance(0.35)) {
    line.wait(5 * SECOND, 40 * SECOND);
    const thanks = rng.pick(CLIENT_THANKS[language]);
    line.say('client', thanks);
    answer(thanks, false);
  }
  if (transfer) {
    line.wait(1 * SECOND, 2 * SECOND);
    line.transfer();
    if (rng.chance(0.8)) talkToOperator(rng, line, input, language);
    else if (rng.chance(0.6)) {
      line.wait(2 * MINUTE, 10 * MINUTE);
      line.say('client', rng.pick(CLIENT_WAITING[language]));
    }
  }
  return { dialog: finish(rng, line, input, id), messages: line.messages, markers: markerRows(id, line.markers), visits: line.visits };
}

function talkToOperator(rng: Random, line: Timeline, input: ScriptInput, language: Language): void {
  const sameLanguage = input.operators.filter((operator) => operator.language === language);
  const operator = rng.pick(sameLanguage.length && rng.chance(0.85) ? sameLanguage : input.operators);
  if (!operator) return;
  const author = { name: operator.name, operatorId: operator.id };
  line.wait(15 * SECOND, 20 * MINUTE, true);
  line.say('operator', OPERATOR_GREETINGS[language].replace('{name}', operator.name.split(' ')[0]), author);
  const exchanges = rng.int(1, 6);
  for (let i = 0; i < exchanges; i += 1) {
    line.wait(10 * SECOND, 3 * MINUTE);
    line.say('client', vary(rng, rng.chance(0.5) ? rng.pick(CLIENT_FOLLOW_UPS[language]) : rng.weighted(CLIENT_QUESTIONS[language])));
    line.wait(20 * SECOND, 8 * MINUTE, true);
    line.say('operator', rng.pick(OPERATOR_REPLIES[language]), author);
  }
}

function finish(rng: Random, line: Timeline, input: ScriptInput, id: string): DialogRow {
  const { facts } = line;
  const last = facts.lastMessageAt?.getTime() ?? input.start;
  // Closed by the client soon after the last message, or by inactivity; some stay open (mostly
  // the ones still waiting for an operator), and nothing closes in the future.
  const timeout = last + input.chat.inactivityMs;
  const drawnCloseAt = rng.chance(0.3) ? last + rng.int(30 * SECOND, 5 * MINUTE) : timeout;
  const waiting = hasNoOperatorResponse(facts);
  const staysOpen = rng.chance(waiting ? 0.2 : 0.03);
  // One left open that the inactivity closer would close in the first minutes after the start
  // was closed by its client instead: the demo's open work right after the first start is the
  // live dialogues (live-dialogues.ts), whatever the time the load took.
  const aboutToTimeOut = timeout > input.now && timeout <= input.now + 15 * MINUTE;
  const closeAt = aboutToTimeOut ? last + 2 * MINUTE : drawnCloseAt;
  const closed = line.alive && (aboutToTimeOut || (!staysOpen && closeAt <= input.now));
  return {
    id,
    chatId: input.chat.id,
    clientId: input.clientId,
    channel: input.channel,
    status: closed ? 'closed' : 'active',
    operatorId: line.operatorId,
    transferredAt: facts.transferredAt,
    firstOperatorReplyAt: facts.firstOperatorReplyAt,
    closedAt: closed ? new Date(closeAt) : null,
    lastMessageAt: facts.lastMessageAt,
    messageCount: facts.messageCount,
    cost: facts.cost,
    createdAt: new Date(input.start),
  };
}

function markerRows(dialogId: string, markers: Map<number, Date>): DialogMarkerRow[] {
  return [...markers].map(([markerId, setAt]) => ({ dialogId, markerId, setAt }));
}
