// A chat's bot rules: parsing and checking what an admin saved (chats.bot_rules, JSON), and the
// bot's decision for one client message.
//
// Rule: { pattern, kind?: 'keyword' | 'regex', answer, markers?: string[], transfer?: boolean }.
// - keyword (default): `pattern` is a list of keywords separated by "," or "|"; a keyword matches,
//   case-insensitively, where a word of the message starts with it ("deliver" matches "delivery",
//   "цен" matches "цена") but not inside a word ("cost" does not fire on "accost"). Several words
//   ("money back") match as a phrase.
// - regex: a regular expression in RE2 syntax, case-insensitive, run by re2js: a linear-time
//   engine (no backtracking), so no pattern can stall the server however it is written. What RE2
//   cannot run in linear time (back-references, lookaround) is refused when the rule is saved.
// The first matching rule wins; no match gives the fallback answer. After a transfer the bot stays
// silent (operators talk) but a matching rule's markers are still set: they label the content.
// There is no built-in "operator"/"human" keyword: it would fire on "human resources"; a rule with
// `transfer: true` does that where an admin wants it (the demo chats have one).
import { RE2JS } from 're2js';

export type BotRuleKind = 'keyword' | 'regex';

export interface BotRule {
  pattern: string;
  kind: BotRuleKind;
  /** Empty only when the rule transfers (the hand-over says it all). */
  answer: string;
  markers: string[];
  transfer: boolean;
}

export const BOT_RULES_MAX = 100;
export const KEYWORDS_MAX_LENGTH = 500;
export const REGEX_MAX_LENGTH = 200;
export const ANSWER_MAX_LENGTH = 4000;
export const MARKERS_PER_RULE_MAX = 10;
const MARKER_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,49}$/u;

export type BotRuleErrorKey =
  | 'botRulesNotJson' | 'botRulesNotList' | 'botRulesTooMany' | 'ruleNotObject'
  | 'rulePatternRequired' | 'rulePatternTooLong' | 'ruleKindInvalid' | 'ruleRegexInvalid' | 'ruleRegexUnsupported'
  | 'ruleAnswerRequired' | 'ruleAnswerTooLong' | 'ruleMarkersInvalid' | 'ruleTransferInvalid';

export interface BotRuleError {
  /** Index of the rule in the list; null for the list as a whole. */
  rule: number | null;
  field: 'rules' | 'pattern' | 'kind' | 'answer' | 'markers' | 'transfer';
  key: BotRuleErrorKey;
  /** A complete English sentence (logs, API clients); the interface translates `key`. */
  message: string;
  /** The regular expression engine's message or the unsafe construct found. */
  detail?: string;
}

export interface ParsedBotRules { rules: BotRule[]; errors: BotRuleError[] }

const FORM_EMPTY_ARRAY = '__FORM_VALUE_EMPTY_ARRAY__';

/**
 * Parses rules from JSON text, an array, or AdminJS form data (an object with numeric keys,
 * booleans as "true"/"false"). Valid rules are returned normalised even when others have errors.
 */
export function parseBotRules(json: unknown): ParsedBotRules {
  const errors: BotRuleError[] = [];
  let value = json;
  if (value === undefined || value === null || value === '' || value === FORM_EMPTY_ARRAY) return { rules: [], errors };
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      const detail = (error as Error).message;
      return { rules: [], errors: [{ rule: null, field: 'rules', key: 'botRulesNotJson', message: `The bot rules are not valid JSON: ${detail}`, detail }] };
    }
  }
  const list = Array.isArray(value) ? value : isNumericKeyed(value) ? Object.values(value as object) : null;
  if (!list) return { rules: [], errors: [{ rule: null, field: 'rules', key: 'botRulesNotList', message: 'The bot rules must be a list of rules' }] };
  if (list.length > BOT_RULES_MAX) {
    return { rules: [], errors: [{ rule: null, field: 'rules', key: 'botRulesTooMany', message: `A chat can have at most ${BOT_RULES_MAX} bot rules (${list.length} given)` }] };
  }
  const rules: BotRule[] = [];
  list.forEach((item, index) => {
    const ruleErrors = checkRule(item, index);
    if (ruleErrors.errors.length) errors.push(...ruleErrors.errors);
    else if (ruleErrors.rule) rules.push(ruleErrors.rule);
  });
  return { rules, errors };
}

function isNumericKeyed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).every((key) => /^\d+$/.test(key));
}

function checkRule(item: unknown, index: number): { rule?: BotRule; errors: BotRuleError[] } {
  const errors: BotRuleError[] = [];
  const fail = (field: BotRuleError['field'], key: BotRuleErrorKey, text: string, detail?: string) => {
    errors.push({ rule: index, field, key, message: `Rule ${index + 1}: ${text}${detail ? `: ${detail}` : ''}`, ...(detail ? { detail } : {}) });
  };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    fail('rules', 'ruleNotObject', 'a rule must be an object with a pattern and an answer');
    return { errors };
  }
  const raw = item as Record<string, unknown>;
  const kind = raw.kind === undefined || raw.kind === '' || raw.kind === null ? 'keyword' : raw.kind;
  if (kind !== 'keyword' && kind !== 'regex') fail('kind', 'ruleKindInvalid', 'the kind must be "keyword" or "regex"');
  const pattern = typeof raw.pattern === 'string' ? raw.pattern.trim() : '';
  if (!pattern || (kind === 'keyword' && splitKeywords(pattern).length === 0)) fail('pattern', 'rulePatternRequired', 'enter the keywords or the regular expression');
  else if (pattern.length > (kind === 'regex' ? REGEX_MAX_LENGTH : KEYWORDS_MAX_LENGTH)) {
    fail('pattern', 'rulePatternTooLong', `the pattern can have at most ${kind === 'regex' ? REGEX_MAX_LENGTH : KEYWORDS_MAX_LENGTH} characters`);
  } else if (kind === 'regex') {
    const problem = regexProblem(pattern);
    if (problem?.unsupported) fail('pattern', 'ruleRegexUnsupported', 'the regular expression uses syntax the bot does not support (back-references, lookahead or lookbehind)', problem.detail);
    else if (problem) fail('pattern', 'ruleRegexInvalid', 'the regular expression is not valid', problem.detail);
  }
  const transfer = toBoolean(raw.transfer);
  if (transfer === null) fail('transfer', 'ruleTransferInvalid', '"transfer" must be true or false');
  const answer = raw.answer === undefined || raw.answer === null ? '' : typeof raw.answer === 'string' ? raw.answer.trim() : null;
  if (answer === null || (answer === '' && !transfer)) fail('answer', 'ruleAnswerRequired', 'enter the answer (it may be empty only when the rule transfers to an operator)');
  else if (answer.length > ANSWER_MAX_LENGTH) fail('answer', 'ruleAnswerTooLong', `the answer can have at most ${ANSWER_MAX_LENGTH} characters`);
  const markers = toMarkers(raw.markers);
  if (!markers) fail('markers', 'ruleMarkersInvalid', `markers are up to ${MARKERS_PER_RULE_MAX} names of letters, digits, spaces, "_" or "-" (at most 50 characters each)`);
  if (errors.length) return { errors };
  return { rule: { pattern, kind: kind as BotRuleKind, answer: answer as string, markers: markers as string[], transfer: transfer as boolean }, errors };
}

function toBoolean(value: unknown): boolean | null {
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true' || value === 'on') return true;
  return null;
}

/** Names from an array, a comma-separated text or form data; null when any is malformed. */
function toMarkers(value: unknown): string[] | null {
  if (value === undefined || value === null || value === '' || value === FORM_EMPTY_ARRAY) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : isNumericKeyed(value) ? Object.values(value as object) : null;
  if (!items) return null;
  const names: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return null;
    const name = item.trim();
    if (!name) continue;
    if (!MARKER_NAME.test(name)) return null;
    if (!names.includes(name)) names.push(name);
  }
  return names.length <= MARKERS_PER_RULE_MAX ? names : null;
}

export function splitKeywords(pattern: string): string[] {
  return pattern.split(/[,|]/).map((keyword) => keyword.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

/** Compiles an administrator's regular expression for the bot (throws RE2JS' syntax error). */
function compileRegex(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/**
 * Why a regular expression cannot be used, or null. `unsupported`: valid JavaScript that RE2 does
 * not take (back-references and lookaround need backtracking), which deserves a different message
 * than a typo.
 */
export function regexProblem(pattern: string): { unsupported: boolean; detail: string } | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (error) {
    // RE2JS quotes the pattern with its flags as "(?i)…": show the admin's own text
    const detail = (error as Error).message.replace(/^error parsing regexp: /, '').replace('`(?i)', '`');
    let validJavaScript = true;
    try {
      new RegExp(pattern, 'u');
    } catch {
      validJavaScript = false;
    }
    return { unsupported: validJavaScript, detail };
  }
}

export interface BotDecision {
  answer?: string;
  markers: string[];
  transfer: boolean;
  /** Index of the rule that fired. */
  rule?: number;
}

export interface BotState { transferred: boolean }

interface RuleTest { test(text: string): boolean }

const compiled = new WeakMap<readonly BotRule[], RuleTest[]>();
const NEVER: RuleTest = { test: () => false };

function compileRule(rule: BotRule): RuleTest {
  if (rule.kind === 'regex') {
    try {
      return compileRegex(rule.pattern);
    } catch {
      // saved before RE2 was the engine (or written to the database directly): it never matches
      return NEVER;
    }
  }
  const alternatives = splitKeywords(rule.pattern).map((keyword) => keyword.split(' ').map(escapeRegex).join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})`, 'iu');
}

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

// Keyword rules compile to escaped alternatives (nothing to backtrack over) and run on the
// built-in engine; administrators' regular expressions run on RE2.
function findRule(tests: readonly RuleTest[], text: string): number {
  return tests.findIndex((test) => test.test(text));
}

/** What the bot does about one client message. `rules` should come from `parseBotRules`. */
export function decideBotReply(rules: readonly BotRule[], fallback: string | null | undefined, text: string, state: BotState): BotDecision {
  let tests = compiled.get(rules);
  if (!tests) {
    tests = rules.map(compileRule);
    compiled.set(rules, tests);
  }
  const index = findRule(tests, text);
  const rule = index >= 0 ? rules[index] : undefined;
  if (state.transferred) return { markers: rule ? [...rule.markers] : [], transfer: false, ...(rule ? { rule: index } : {}) };
  if (!rule) {
    const answer = fallback?.trim() ? fallback : undefined;
    return { ...(answer ? { answer } : {}), markers: [], transfer: false };
  }
  return { ...(rule.answer ? { answer: rule.answer } : {}), markers: [...rule.markers], transfer: rule.transfer, rule: index };
}
