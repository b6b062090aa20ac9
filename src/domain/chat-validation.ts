// Validation and normalisation of what an admin types into the chat form and the Facebook form.
// Errors are message keys (field → key); the interface translates them (resources.Chat.messages in
// src/admin/locale/<lang>/chat.ts), so the same key reads well in every language.
import { normalizeOrigin } from './public-urls.js';
import { parseBotRules, type BotRule, type BotRuleErrorKey } from './bot-rules.js';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from './retention.js';

export const CHAT_NAME_MAX = 200;
export const CHAT_TEXT_MAX = 4000;
/** One week: a dialogue idle for longer than that is closed anyway. */
export const INACTIVITY_TIMEOUT_MAX = 7 * 24 * 60;

/** The chat columns an admin may set through the form; everything else is server-managed. */
export const CHAT_FORM_FIELDS = [
  'name', 'allowedOrigins', 'priceWeb', 'priceFacebook', 'currency', 'greeting', 'botRules', 'fallbackAnswer', 'inactivityTimeoutMinutes',
  'retentionDays',
] as const;

/** Keys of bot rule errors (src/domain/bot-rules.ts), on "botRules" or "botRules.<index>.<field>". */
const BOT_RULE_ERROR_KEYS: readonly BotRuleErrorKey[] = [
  'botRulesNotJson', 'botRulesNotList', 'botRulesTooMany', 'ruleNotObject', 'rulePatternRequired', 'rulePatternTooLong',
  'ruleKindInvalid', 'ruleRegexInvalid', 'ruleRegexUnsupported', 'ruleAnswerRequired', 'ruleAnswerTooLong', 'ruleMarkersInvalid', 'ruleTransferInvalid',
];

export const CHAT_ERROR_KEYS = [
  'nameRequired', 'nameTooLong', 'originInvalid', 'originsInvalid', 'priceInvalid', 'priceNegative',
  'currencyInvalid', 'timeoutInvalid', 'retentionInvalid', 'textTooLong', 'valueInvalid',
  'pageIdInvalid', 'pageNameRequired', 'pageNameTooLong', 'pageTokenRequired', 'appSecretRequired', 'secretInvalid',
  'botRulesInvalid', ...BOT_RULE_ERROR_KEYS,
] as const;
export type ChatErrorKey = (typeof CHAT_ERROR_KEYS)[number] | BotRuleErrorKey;
/** Field path (e.g. "name", "allowedOrigins.1") → message key. */
export type FieldErrors = Record<string, ChatErrorKey>;

export interface ChatValues {
  name?: string;
  allowedOrigins?: string[];
  /** Decimal strings with at most 4 places, e.g. "0.05". */
  priceWeb?: string;
  priceFacebook?: string;
  currency?: string;
  greeting?: string | null;
  fallbackAnswer?: string | null;
  inactivityTimeoutMinutes?: number;
  /** Days; null: kept forever. */
  retentionDays?: number | null;
  botRules?: BotRule[];
}

export interface Validated<T> {
  values: T;
  errors: FieldErrors;
  /** Field path → what exactly is wrong (e.g. the regular expression engine's message); only when any. */
  details?: Record<string, string>;
}

/** `create` requires the name; `update` checks only the fields present. */
export type ChatFormMode = 'create' | 'update';

const PRICE = /^\d{1,10}(\.\d{1,4})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Text of a scalar form value; undefined when absent, null when it is not text at all. */
function text(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Checks the chat form. Empty optional values (prices, currency, timeout) mean "not given": the
 * database default on create, no change on update; an empty retention period means "kept forever".
 */
export function validateChatInput(input: Record<string, unknown>, mode: ChatFormMode): Validated<ChatValues> {
  const values: ChatValues = {};
  const errors: FieldErrors = {};

  const name = text(input.name);
  if (name === null) errors.name = 'valueInvalid';
  else if (name !== undefined || mode === 'create') {
    const trimmed = (name ?? '').trim();
    if (!trimmed) errors.name = 'nameRequired';
    else if (trimmed.length > CHAT_NAME_MAX) errors.name = 'nameTooLong';
    else values.name = trimmed;
  }

  if (input.allowedOrigins !== undefined) {
    const origins = validateOrigins(input.allowedOrigins, errors);
    if (origins) values.allowedOrigins = origins;
  }

  for (const field of ['priceWeb', 'priceFacebook'] as const) {
    const raw = text(input[field]);
    if (raw === null) errors[field] = 'priceInvalid';
    else if (raw !== undefined && raw.trim() !== '') {
      // a comma is the decimal separator in Russian and many other locales
      const price = raw.trim().replace(',', '.');
      if (price.startsWith('-')) errors[field] = 'priceNegative';
      else if (!PRICE.test(price)) errors[field] = 'priceInvalid';
      else values[field] = price;
    }
  }

  const currency = text(input.currency);
  if (currency === null) errors.currency = 'currencyInvalid';
  else if (currency !== undefined && currency.trim() !== '') {
    const code = currency.trim().toUpperCase();
    if (CURRENCY.test(code)) values.currency = code;
    else errors.currency = 'currencyInvalid';
  }

  for (const field of ['greeting', 'fallbackAnswer'] as const) {
    const raw = text(input[field]);
    if (raw === null) errors[field] = 'valueInvalid';
    else if (raw !== undefined) {
      if (raw.length > CHAT_TEXT_MAX) errors[field] = 'textTooLong';
      else values[field] = raw.trim() === '' ? null : raw;
    }
  }

  const timeout = text(input.inactivityTimeoutMinutes);
  if (timeout === null) errors.inactivityTimeoutMinutes = 'timeoutInvalid';
  else if (timeout !== undefined && timeout.trim() !== '') {
    const minutes = /^\d{1,6}$/.test(timeout.trim()) ? Number(timeout.trim()) : NaN;
    if (minutes >= 1 && minutes <= INACTIVITY_TIMEOUT_MAX) values.inactivityTimeoutMinutes = minutes;
    else errors.inactivityTimeoutMinutes = 'timeoutInvalid';
  }

  // empty means "kept forever" (unlike the timeout, whose empty value keeps the stored one): an
  // admin clears the period by emptying the field
  const retention = text(input.retentionDays);
  if (retention === null) errors.retentionDays = 'retentionInvalid';
  else if (retention !== undefined) {
    const raw = retention.trim();
    const days = raw === '' ? null : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
    if (days === null || (days >= RETENTION_DAYS_MIN && days <= RETENTION_DAYS_MAX)) values.retentionDays = days;
    else errors.retentionDays = 'retentionInvalid';
  }

  const details: Record<string, string> = {};
  if (input.botRules !== undefined) {
    const parsed = parseBotRules(input.botRules);
    for (const error of parsed.errors) {
      const path = error.rule === null ? 'botRules' : error.field === 'rules' ? `botRules.${error.rule}` : `botRules.${error.rule}.${error.field}`;
      errors[path] = error.key;
      if (error.detail) details[path] = error.detail;
      if (error.rule !== null) errors.botRules = 'botRulesInvalid';
    }
    if (!parsed.errors.length) values.botRules = parsed.rules;
  }

  return Object.keys(details).length ? { values, errors, details } : { values, errors };
}

/** Canonical, de-duplicated origins; blank entries are dropped. Errors go on the bad items too. */
function validateOrigins(value: unknown, errors: FieldErrors): string[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : null;
  if (!items) {
    errors.allowedOrigins = 'originsInvalid';
    return undefined;
  }
  const origins: string[] = [];
  items.forEach((item, index) => {
    const raw = text(item);
    if (raw === undefined || raw === '' || (raw !== null && raw.trim() === '')) return;
    const origin = raw === null ? undefined : normalizeOrigin(raw);
    if (origin) {
      if (!origins.includes(origin)) origins.push(origin);
    } else {
      errors[`allowedOrigins.${index}`] = 'originInvalid';
      errors.allowedOrigins = 'originsInvalid';
    }
  });
  return errors.allowedOrigins ? undefined : origins;
}

export interface FacebookFormValues {
  pageId: string;
  pageName: string;
  /** Undefined: keep the stored one (allowed only when a page is already connected). */
  pageAccessToken?: string;
  appSecret?: string;
}

const PAGE_ID = /^\d{1,64}$/;
const SECRET = /^\S{1,2000}$/;

/** Checks the Connect Facebook form. Blank secrets keep the stored ones when already connected. */
export function validateFacebookForm(input: Record<string, unknown>, alreadyConnected: boolean): Validated<FacebookFormValues> {
  const errors: FieldErrors = {};
  const pageId = (text(input.pageId) ?? '').trim();
  const pageName = (text(input.pageName) ?? '').trim();
  if (!PAGE_ID.test(pageId)) errors.pageId = 'pageIdInvalid';
  if (!pageName) errors.pageName = 'pageNameRequired';
  else if (pageName.length > CHAT_NAME_MAX) errors.pageName = 'pageNameTooLong';

  const secrets: Pick<FacebookFormValues, 'pageAccessToken' | 'appSecret'> = {};
  const required = { pageAccessToken: 'pageTokenRequired', appSecret: 'appSecretRequired' } as const;
  for (const field of ['pageAccessToken', 'appSecret'] as const) {
    const value = (text(input[field]) ?? '').trim();
    if (!value) {
      if (!alreadyConnected) errors[field] = required[field];
    } else if (!SECRET.test(value)) errors[field] = 'secretInvalid';
    else secrets[field] = value;
  }
  return { values: { pageId, pageName, ...secrets }, errors };
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
