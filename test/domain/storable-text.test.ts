import { findUnstorable, isStorableText, storableText } from '../../src/domain/storable-text.js';

describe('storable text', () => {
  it('accepts any well-formed text without NUL, emoji and tabs included', () => {
    for (const text of ['', 'hello', 'Привет 🚚', 'tab\tand\nnewline', '\uFFFD']) expect([text, isStorableText(text)]).toEqual([text, true]);
  });

  it('refuses NUL and lone surrogates of either half, anywhere', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud83d', 'x\ud83d', '\ude9a', 'x\ude9ay', '🚚'.slice(1)]) expect([text, isStorableText(text)]).toEqual([text, false]);
  });

  it('cleans by replacing each unstorable character with U+FFFD, keeping the rest', () => {
    expect(storableText('bad\u0000text')).toBe('bad\uFFFDtext');
    expect(storableText('broken \ud83d emoji 🚚')).toBe('broken \uFFFD emoji 🚚');
    expect(storableText('\ude9a\u0000')).toBe('\uFFFD\uFFFD');
    expect(storableText('fine 🚚')).toBe('fine 🚚');
  });

  it('finds an unstorable string anywhere in a parsed body or query, keys included', () => {
    expect(findUnstorable({ name: 'ok', list: ['a', { deep: 'b\u0000' }] })).toBe('b\u0000');
    expect(findUnstorable({ ['k\ud800']: 'v' })).toBe('k\ud800');
    expect(findUnstorable({ name: 'ok', n: 1, nothing: null, list: ['a'] })).toBeUndefined();
  });
});
