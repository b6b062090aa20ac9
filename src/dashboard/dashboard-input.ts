// The dashboard's period, chat and time zone: checked and put in canonical form before any query.
// Each refusal carries a code (translated by the dashboard component, with `details` as the
// message's values) and an English message.
import { ChatsError } from '../domain/errors.js';

/** The longest period the dashboard draws, in days (both ends included). */
export const MAX_PERIOD_DAYS = 366;
/** The period shown when none is asked for: the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

export interface DashboardQuery {
  /** First day of the period, YYYY-MM-DD in `timeZone`. */
  from: string;
  /** Last day of the period (included), YYYY-MM-DD in `timeZone`. */
  to: string;
  /** Only this chat's data; all chats when absent. */
  chatId?: number;
  /** IANA time zone the days are counted in, e.g. "Europe/Moscow". */
  timeZone: string;
}

export type DashboardErrorCode = 'invalidDate' | 'invalidTimeZone' | 'invalidChat' | 'periodReversed' | 'periodTooLong';

export class DashboardInputError extends ChatsError {
  declare readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, details: Record<string, string | number> = {}) {
    super('invalid', code, message, { details });
    this.name = 'DashboardInputError';
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar date, or undefined when it is no real date. */
function dayNumber(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (year < 1900 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / DAY_MS;
}

const dateOfDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The canonical IANA name ("utc" → "UTC"), or a DashboardInputError for an unknown zone. */
export function canonicalTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new DashboardInputError('invalidTimeZone', `Unknown time zone "${timeZone}"`, { value: timeZone });
  }
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function checkDate(value: string, field: 'from' | 'to'): number {
  const n = dayNumber(value);
  if (n === undefined) {
    throw new DashboardInputError('invalidDate', `"${field}" must be a date written as YYYY-MM-DD, got "${value}"`, { field, value });
  }
  return n;
}

/** Checks a query and returns it in canonical form; throws DashboardInputError with a clear message. */
export function validateDashboardQuery(query: DashboardQuery): DashboardQuery {
  const timeZone = canonicalTimeZone(query.timeZone);
  const from = checkDate(query.from, 'from');
  const to = checkDate(query.to, 'to');
  if (from > to) {
    throw new DashboardInputError('periodReversed', `The period starts (${query.from}) after it ends (${query.to})`, { from: query.from, to: query.to });
  }
  const days = to - from + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw new DashboardInputError('periodTooLong', `The period is ${days} days long; choose at most ${MAX_PERIOD_DAYS} days`, { days, max: MAX_PERIOD_DAYS });
  }
  if (query.chatId !== undefined && !(Number.isSafeInteger(query.chatId) && query.chatId > 0)) {
    throw new DashboardInputError('invalidChat', `Unknown chat "${String(query.chatId)}"`, { value: String(query.chatId) });
  }
  return { from: query.from, to: query.to, timeZone, ...(query.chatId !== undefined ? { chatId: query.chatId } : {}) };
}

/** Raw request parameters (all optional strings) → a checked query; defaults: last 30 days, all chats, UTC. */
export function parseDashboardParams(params: Record<string, unknown>, now = new Date()): DashboardQuery {
  const text = (key: string): string | undefined => {
    const value = params[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const timeZone = canonicalTimeZone(text('tz') ?? 'UTC');
  const to = text('to') ?? todayIn(timeZone, now);
  const from = text('from') ?? dateOfDayNumber(checkDate(to, 'to') + 1 - DEFAULT_PERIOD_DAYS);
  const chat = text('chat');
  if (chat !== undefined && !/^\d{1,9}$/.test(chat)) {
    throw new DashboardInputError('invalidChat', `Unknown chat "${chat}"`, { value: chat });
  }
  return validateDashboardQuery({ from, to, timeZone, ...(chat !== undefined ? { chatId: Number(chat) } : {}) });
}
