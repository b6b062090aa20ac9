import { BOT_RULES_MAX, decideBotReply, parseBotRules, unsafeRegexReason, type BotRule } from '../../src/domain/bot-rules.js';
import { DEMO_CHATS } from '../../src/app/demo/content.js';

const rule = (fields: Partial<BotRule> & { pattern: string }): BotRule => ({ kind: 'keyword', answer: 'ok', markers: [], transfer: false, ...fields });
const NOT_TRANSFERRED = { transferred: false };

describe('parseBotRules', () => {
  it('accepts JSON text, arrays and AdminJS form data, and normalises the rules', () => {
    const json = JSON.stringify([{ pattern: ' price, cost ', answer: 'From 10 USD', markers: ['lead'] }, { pattern: '^hi$', kind: 'regex', answer: 'Hello', transfer: false }]);
    expect(parseBotRules(json)).toEqual({
      rules: [
        { pattern: 'price, cost', kind: 'keyword', answer: 'From 10 USD', markers: ['lead'], transfer: false },
        { pattern: '^hi$', kind: 'regex', answer: 'Hello', markers: [], transfer: false },
      ],
      errors: [],
    });
    const form = { 0: { pattern: 'refund', answer: '', transfer: 'true', markers: 'refund, money' } };
    expect(parseBotRules(form).rules).toEqual([{ pattern: 'refund', kind: 'keyword', answer: '', markers: ['refund', 'money'], transfer: true }]);
    for (const empty of [undefined, null, '', '[]', '__FORM_VALUE_EMPTY_ARRAY__']) expect(parseBotRules(empty)).toEqual({ rules: [], errors: [] });
  });

  it('accepts the demo chats rules as they are', () => {
    for (const chat of DEMO_CHATS) {
      const parsed = parseBotRules(JSON.parse(JSON.stringify(chat.botRules)));
      expect(parsed.errors).toEqual([]);
      expect(parsed.rules).toHaveLength(chat.botRules.length);
      expect(parsed.rules.every((r) => r.kind === 'regex')).toBe(true);
      const hello = parsed.rules.find((r) => r.pattern.startsWith('^'));
      if (hello) expect(decideBotReply(parsed.rules, null, 'Hello!', NOT_TRANSFERRED).answer).toBe(hello.answer);
    }
  });

  it('reports each bad rule with a clear message, keeping the good ones', () => {
    const { rules, errors } = parseBotRules([
      { pattern: 'ok', answer: 'fine' },
      { pattern: '(unclosed', kind: 'regex', answer: 'x' },
      { pattern: 'x', answer: '  ' },
      { pattern: '', answer: 'x' },
      { pattern: 'x', answer: 'y', markers: ['good', 'bad!name'] },
      { pattern: 'x'.repeat(201), kind: 'regex', answer: 'y' },
      { pattern: 'x', answer: 'y', kind: 'glob' },
      'just text',
    ]);
    expect(rules).toHaveLength(1);
    expect(errors.map((e) => [e.rule, e.field, e.key])).toEqual([
      [1, 'pattern', 'ruleRegexInvalid'],
      [2, 'answer', 'ruleAnswerRequired'],
      [3, 'pattern', 'rulePatternRequired'],
      [4, 'markers', 'ruleMarkersInvalid'],
      [5, 'pattern', 'rulePatternTooLong'],
      [6, 'kind', 'ruleKindInvalid'],
      [7, 'rules', 'ruleNotObject'],
    ]);
    expect(errors[0].message).toBe('Rule 2: the regular expression is not valid: /(unclosed/i: Unterminated group');
    expect(errors[0].detail).toMatch(/Unterminated group/);
  });

  it('refuses more than 100 rules, non-lists and bad JSON', () => {
    const many = Array.from({ length: BOT_RULES_MAX + 1 }, () => ({ pattern: 'a', answer: 'b' }));
    expect(parseBotRules(many).errors.map((e) => e.key)).toEqual(['botRulesTooMany']);
    expect(parseBotRules(many.slice(1)).errors).toEqual([]);
    expect(parseBotRules('{"pattern": 1').errors.map((e) => e.key)).toEqual(['botRulesNotJson']);
    expect(parseBotRules({ pattern: 'a' }).errors.map((e) => e.key)).toEqual(['botRulesNotList']);
  });

  it('refuses patterns that could backtrack catastrophically', () => {
    for (const pattern of ['(a+)+$', '(a*)*b', '(x{2,})+', '(?:a|b+)*c', '((ab)+c)+', '(a)\\1', '(.*a){3,}']) {
      const { errors } = parseBotRules([{ pattern, kind: 'regex', answer: 'x' }]);
      expect([pattern, errors.map((e) => e.key)]).toEqual([pattern, ['ruleRegexUnsafe']]);
    }
    for (const pattern of ['^\\s*(hi|hello)[\\s!.,?]*$', '(\\d{3}[- ]?){3}', 'a+b*c?', '[(a+)+]', '(ab)?c+', '\\(a+\\)+']) {
      expect([pattern, unsafeRegexReason(pattern)]).toEqual([pattern, null]);
    }
  });
});

describe('decideBotReply', () => {
  const rules = parseBotRules([
    { pattern: 'price, cost, how much, цен', answer: 'Prices start at 10 USD', markers: ['lead'] },
    { pattern: 'operator|human', answer: 'Connecting you', transfer: true },
    { pattern: 'refund', answer: '', markers: ['refund'], transfer: true },
    { pattern: '^\\s*(hi|hello)\\W*$', kind: 'regex', answer: 'Hello!' },
  ]).rules;

  it('answers with the first matching rule, its markers and transfer', () => {
    expect(decideBotReply(rules, 'Sorry?', 'What is the PRICE?', NOT_TRANSFERRED)).toEqual({ answer: 'Prices start at 10 USD', markers: ['lead'], transfer: false, rule: 0 });
    expect(decideBotReply(rules, null, 'How   much is it', NOT_TRANSFERRED).rule).toBe(0);
    expect(decideBotReply(rules, null, 'Какая цена?', NOT_TRANSFERRED).rule).toBe(0);
    expect(decideBotReply(rules, null, 'I want a human, what does it cost', NOT_TRANSFERRED).rule).toBe(0); // first rule wins
    expect(decideBotReply(rules, null, 'Let me talk to an operator', NOT_TRANSFERRED)).toEqual({ answer: 'Connecting you', markers: [], transfer: true, rule: 1 });
    expect(decideBotReply(rules, null, 'refund please', NOT_TRANSFERRED)).toEqual({ markers: ['refund'], transfer: true, rule: 2 });
    expect(decideBotReply(rules, null, 'Hello!', NOT_TRANSFERRED).answer).toBe('Hello!');
  });

  it('matches keywords at the start of words only', () => {
    expect(decideBotReply(rules, null, 'prices?', NOT_TRANSFERRED).rule).toBe(0);
    expect(decideBotReply(rules, null, 'they accost me', NOT_TRANSFERRED).rule).toBeUndefined();
  });

  it('gives the fallback answer when nothing matches, or nothing without one', () => {
    expect(decideBotReply(rules, 'I did not get that', 'Weather today?', NOT_TRANSFERRED)).toEqual({ answer: 'I did not get that', markers: [], transfer: false });
    expect(decideBotReply(rules, '  ', 'Weather today?', NOT_TRANSFERRED)).toEqual({ markers: [], transfer: false });
    expect(decideBotReply([], null, 'x', NOT_TRANSFERRED)).toEqual({ markers: [], transfer: false });
  });

  it('stays silent after a transfer, still setting the markers', () => {
    expect(decideBotReply(rules, 'fallback', 'what is the price', { transferred: true })).toEqual({ markers: ['lead'], transfer: false, rule: 0 });
    expect(decideBotReply(rules, 'fallback', 'operator!', { transferred: true })).toEqual({ markers: [], transfer: false, rule: 1 });
    expect(decideBotReply(rules, 'fallback', 'anything', { transferred: true })).toEqual({ markers: [], transfer: false });
  });

  it('does not hang on a catastrophic pattern that got into the database', () => {
    // stored without parseBotRules (e.g. edited in SQL): the time limit stops it
    const evil = [rule({ pattern: '(a+)+$', kind: 'regex', answer: 'evil' }), rule({ pattern: 'aaa', answer: 'fine' })];
    const started = Date.now();
    const decision = decideBotReply(evil, null, `${'a'.repeat(40)}!`, NOT_TRANSFERRED);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(decision).toEqual({ answer: 'fine', markers: [], transfer: false, rule: 1, timedOut: [0] });
  });
});
