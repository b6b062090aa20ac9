import { BOT_RULES_MAX, decideBotReply, parseBotRules, type BotRule } from '../../src/domain/bot-rules.js';
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
    expect(errors[0].message).toBe('Rule 2: the regular expression is not valid: missing closing ): `(unclosed`');
    expect(errors[0].detail).toMatch(/missing closing \)/);
  });

  it('refuses more than 100 rules, non-lists and bad JSON', () => {
    const many = Array.from({ length: BOT_RULES_MAX + 1 }, () => ({ pattern: 'a', answer: 'b' }));
    expect(parseBotRules(many).errors.map((e) => e.key)).toEqual(['botRulesTooMany']);
    expect(parseBotRules(many.slice(1)).errors).toEqual([]);
    expect(parseBotRules('{"pattern": 1').errors.map((e) => e.key)).toEqual(['botRulesNotJson']);
    expect(parseBotRules({ pattern: 'a' }).errors.map((e) => e.key)).toEqual(['botRulesNotList']);
  });

  it('refuses, per rule, what RE2 cannot run in linear time, and accepts the rest of the syntax', () => {
    const unsupported = ['(a)\\1', '(?<w>a)\\k<w>', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b'];
    const { errors } = parseBotRules(unsupported.map((pattern) => ({ pattern, kind: 'regex', answer: 'x' })));
    expect(errors.map((e) => [e.rule, e.key])).toEqual(unsupported.map((_, index) => [index, 'ruleRegexUnsupported']));
    expect(errors[0].message).toMatch(/^Rule 1: the regular expression uses syntax the bot does not support/);
    // nested repetition, once refused by a heuristic, is fine on a linear-time engine
    for (const pattern of ['(a+)+$', '(a|a)*$', 'hi(.|\\s)*world', '^\\s*(hi|hello)[\\s!.,?]*$', '(\\d{3}[- ]?){3}', '\\p{L}+', '(?<name>x)']) {
      expect([pattern, parseBotRules([{ pattern, kind: 'regex', answer: 'x' }]).errors]).toEqual([pattern, []]);
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

  it('answers within 5 ms on a 10 KB message, whatever the patterns (a linear-time engine)', () => {
    const evil = parseBotRules([
      { pattern: '(a|a)*$', kind: 'regex', answer: 'never: a message that is not all "a"s' },
      { pattern: 'hi(.|\\s)*world', kind: 'regex', answer: 'world' },
    ]).rules;
    expect(evil).toHaveLength(2);
    const messages = [`hi ${'a'.repeat(10_000)}!`, `${'a'.repeat(10_000)}!`, `hi ${' \n'.repeat(5_000)}`];
    decideBotReply(evil, null, 'warm up the engine once', NOT_TRANSFERRED);
    for (const text of messages) {
      const times: number[] = [];
      for (let run = 0; run < 5; run += 1) {
        const started = process.hrtime.bigint();
        decideBotReply(evil, null, text, NOT_TRANSFERRED);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      expect(times.sort((x, y) => x - y)[2]).toBeLessThan(5);
    }
    // still the same matches as before
    expect(decideBotReply(evil.slice(1), null, `HI ${'a\n'.repeat(5_000)} World`, NOT_TRANSFERRED).rule).toBe(0);
    expect(decideBotReply(evil.slice(1), null, `hi ${'a'.repeat(10_000)}`, NOT_TRANSFERRED).rule).toBeUndefined();
  });

  it('skips a rule the engine cannot run that got into the database, and uses the others', () => {
    // stored without parseBotRules (e.g. edited in SQL, or saved before RE2)
    const stored = [rule({ pattern: '(a)\\1', kind: 'regex', answer: 'never' }), rule({ pattern: 'aaa', answer: 'fine' })];
    expect(decideBotReply(stored, null, 'aaa', NOT_TRANSFERRED)).toEqual({ answer: 'fine', markers: [], transfer: false, rule: 1 });
  });
});
