import { cellText, EXCEL_MAX_CELL_CHARS, toMoney, toNumber, TRUNCATION_MARKER } from '../../../src/reports/xlsx/cell-values.js';
import { HyperlinkCells } from '../../../src/reports/xlsx/hyperlink-cells.js';
import { zonedWallClock } from '../../../src/reports/xlsx/zoned-time.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('money cells', () => {
  it.each([
    ['12.3450', 12.35], ['12.3449', 12.34], ['1.005', 1.01], ['-1.005', -1.01], ['-0.005', -0.01],
    ['0.0049', 0], ['-0.0049', 0], ['0.0000', 0], ['9.995', 10], ['99999999999.995', 100000000000],
    ['7', 7], ['.5', 0.5], ['+3.10', 3.1], [1.005, 1.01], [2.675, 2.68], [1e-7, 0],
  ])('%p → %p (half away from zero, decided on the decimal digits)', (input, expected) => {
    expect(toMoney(input)).toBe(expected);
  });

  it('takes Decimal-like objects through their string form; garbage becomes an empty cell', () => {
    expect(toMoney({ toString: () => '0.1250' })).toBe(0.13);
    expect(toMoney('abc')).toBeNull();
    expect(toMoney(Number.NaN)).toBeNull();
    expect(toMoney(null)).toBeNull();
  });
});

describe('number cells', () => {
  it('keeps finite numbers, empties NaN/Infinity (they would corrupt the file), keeps huge bigints exact', () => {
    expect(toNumber(42)).toBe(42);
    expect(toNumber('17')).toBe(17);
    expect(toNumber(10n)).toBe(10);
    expect(toNumber(Number.NaN)).toBeNull();
    expect(toNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toNumber(12345678901234567890n)).toBe('12345678901234567890');
  });
});

describe('cell text', () => {
  it('strips XML-invalid control characters and keeps tab, newline, Cyrillic and emoji', () => {
    expect(cellText('a\u0000b\u0007c\u000Bd\u000Ce\u001Ff\tg\nh\r\uFFFEi 😀 привет 👍🏽')).toBe('abcdef\tg\nh\ri 😀 привет 👍🏽');
  });

  it('cuts text over 32,767 characters with a visible marker', () => {
    const text = cellText('ж'.repeat(40_000));
    expect(text.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(text.startsWith('жжж')).toBe(true);
  });

  it('never cuts an emoji in half', () => {
    for (const shift of [0, 1]) {
      const text = cellText('a'.repeat(EXCEL_MAX_CELL_CHARS - TRUNCATION_MARKER.length - 1 - shift) + '😀'.repeat(100));
      expect(text.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
      expect(LONE_SURROGATE.test(text)).toBe(false);
    }
  });
});

describe('zoned wall clock', () => {
  const iso = (d: Date) => d.toISOString().slice(0, 19);

  it('shows Moscow time (UTC+3, no DST)', () => {
    const moscow = zonedWallClock('Europe/Moscow');
    expect(iso(moscow(Date.parse('2024-01-15T10:00:00Z')))).toBe('2024-01-15T13:00:00');
    expect(iso(moscow(Date.parse('2024-07-15T22:30:05Z')))).toBe('2024-07-16T01:30:05');
  });

  it('follows New York daylight saving time, also inside the transition days', () => {
    const newYork = zonedWallClock('America/New_York');
    expect(iso(newYork(Date.parse('2024-01-15T15:00:00Z')))).toBe('2024-01-15T10:00:00');
    expect(iso(newYork(Date.parse('2024-07-01T15:00:00Z')))).toBe('2024-07-01T11:00:00');
    expect(iso(newYork(Date.parse('2024-03-10T06:59:59Z')))).toBe('2024-03-10T01:59:59');
    expect(iso(newYork(Date.parse('2024-03-10T07:00:00Z')))).toBe('2024-03-10T03:00:00');
    expect(iso(newYork(Date.parse('2024-11-03T05:59:59Z')))).toBe('2024-11-03T01:59:59');
    expect(iso(newYork(Date.parse('2024-11-03T06:00:00Z')))).toBe('2024-11-03T01:00:00');
    expect(newYork(Date.parse('2024-03-10T07:00:00.250Z')).getUTCMilliseconds()).toBe(250);
  });

  it('rejects an unknown zone', () => {
    expect(() => zonedWallClock('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('hyperlink cells', () => {
  it('makes real links up to the cap, then HYPERLINK() formulas; unsafe schemes stay text', () => {
    const links = new HyperlinkCells(1);
    expect(links.cell({ text: 'Open', url: 'https://a.example/1' })).toEqual({ text: 'Open', hyperlink: 'https://a.example/1' });
    expect(links.cell({ text: 'Say "hi"', url: 'https://a.example/2' })).toEqual({ formula: 'HYPERLINK("https://a.example/2","Say ""hi""")', result: 'Say "hi"' });
    expect(links.cell(`https://a.example/${'x'.repeat(300)}`)).toBe(`https://a.example/${'x'.repeat(300)}`);
    expect(links.cell('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(links.cell({ text: 'share', url: 'file://///attacker/share' })).toBe('share');
    expect(links.cell(null)).toBeNull();
    expect(links.realLinks).toBe(1);
  });
});
