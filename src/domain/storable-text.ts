// Text that PostgreSQL can store. Its text type refuses NUL, and UTF-8 has no encoding for a lone
// UTF-16 surrogate (half an emoji: JSON can carry one as "\ud83d"), so either makes the insert
// fail, and a retried request fails the same way forever. Every text input passes this rule:
// refused with a 400 where a person can correct it (the widget, forms, login), cleaned where
// nobody can (Messenger deliveries, which Meta would otherwise redeliver without end).

/** Stands for what cannot be stored, as a decoder shows undecodable bytes. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// NUL, a high surrogate not followed by a low one, a low surrogate not preceded by a high one
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Whether the text can be stored as it is: no NUL and no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text with every NUL and lone surrogate replaced by U+FFFD (unchanged when storable). */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER);
}

/** The first value among `values` (strings, nested in arrays and objects) that is not storable. */
export function findUnstorable(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : value;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = findUnstorable(key, depth + 1) ?? findUnstorable(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
