// Bench: the bot's decision for one client message, with administrators' regular expressions
// that backtrack catastrophically on a backtracking engine, on messages of 1 KB to 10 KB.
//   npx tsx bench/bot-rules.ts [--runs 21]
// Prints the median and the slowest time per pattern and message size (after one warm-up call).
import { decideBotReply, parseBotRules } from '../src/domain/bot-rules.js';

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 21;

const patterns = ['(a|a)*$', 'hi(.|\\s)*world', '(a+)+b', '^(\\w+\\s?)*$', '(price|cost|how much)'];
const messages = (size: number) => ({
  letters: `hi ${'a'.repeat(size)}!`,
  spaces: `hi ${' \n'.repeat(size / 2)}`,
  words: `${'word '.repeat(size / 5)}!`,
});

console.log('pattern | message | size | median ms | max ms');
for (const pattern of patterns) {
  const { rules, errors } = parseBotRules([{ pattern, kind: 'regex', answer: 'x' }]);
  if (errors.length) throw new Error(`${pattern}: ${errors[0].message}`);
  for (const size of [1_000, 10_000]) {
    for (const [name, text] of Object.entries(messages(size))) {
      decideBotReply(rules, null, text, { transferred: false });
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = process.hrtime.bigint();
        decideBotReply(rules, null, text, { transferred: false });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(`${pattern} | ${name} | ${text.length} | ${times[Math.floor(runs / 2)].toFixed(3)} | ${times[runs - 1].toFixed(3)}`);
    }
  }
}
