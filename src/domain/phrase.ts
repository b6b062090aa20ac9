// Phrase normalization for the "Popular phrases" report (PRODUCT.md: lower case, trimmed, inner
// white space collapsed, trailing punctuation removed). The report computes it in SQL
// (src/reports/sql/phrase.sql.ts) from the same character lists as this function, which is the
// readable reference that the tests compare the SQL with.
//
// Decisions where PRODUCT.md is silent:
// - White space is the Unicode White_Space set (tabs, new lines, no-break and ideographic spaces…),
//   listed explicitly: regex classes such as \s or [[:space:]] differ between JS and the
//   database's locale.
// - Trailing punctuation means sentence punctuation only (. , ! ? ; : … and their full-width
//   forms), so emoticons such as ":)" or closing quotes and brackets are kept. Leading punctuation
//   is kept ("¿qué?" → "¿qué").
// - Lower case is the per-character (simple) Unicode mapping that PostgreSQL's lower() applies
//   under a UTF-8 locale: "İ" → "i" and a final "Σ" → "σ", unlike String.toLowerCase(). The
//   database must use a UTF-8 ctype (C.UTF-8, en_US.UTF-8…); under the plain C locale lower()
//   only folds ASCII.
// - A message that is empty after normalization ("?!.", "…", blanks) has no phrase: it is left
//   out of the rows but still counts in the "share of all client messages" denominator.

/** Unicode White_Space: each becomes a plain space before runs of spaces are collapsed. */
export const PHRASE_WHITESPACE = '\t\n\u000B\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005'
  + '\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000';

/** Sentence punctuation removed from the end of a phrase (with any spaces between). */
export const PHRASE_TRAILING_PUNCTUATION = '.,!?;:\u2026\u203D\u3002\uFF01\uFF1F\uFF0C\uFF1B\uFF1A';

const WHITESPACE_SET = new Set(PHRASE_WHITESPACE);
const TRAILING_SET = new Set(PHRASE_TRAILING_PUNCTUATION + ' ');

// String.toLowerCase applies SpecialCasing (İ → i + combining dot) and the final-sigma context;
// mapping code point by code point, with İ's simple mapping, gives PostgreSQL's result.
function lowerSimple(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

/** The normalized phrase; '' when nothing but white space and punctuation remains. */
export function normalizePhrase(text: string): string {
  let spaced = '';
  let lastWasSpace = false;
  for (const ch of lowerSimple(text)) {
    const isSpace = ch === ' ' || WHITESPACE_SET.has(ch);
    if (isSpace && lastWasSpace) continue;
    spaced += isSpace ? ' ' : ch;
    lastWasSpace = isSpace;
  }
  const chars = [...spaced];
  let end = chars.length;
  while (end > 0 && TRAILING_SET.has(chars[end - 1])) end -= 1;
  let start = 0;
  while (start < end && chars[start] === ' ') start += 1;
  return chars.slice(start, end).join('');
}
