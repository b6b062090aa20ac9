import { addAmounts, displayAmount, fromUnits, isPaidAuthor, messageCost, moneyLabel, priceFor, roundToCents, toUnits } from '../../src/domain/money.js';

describe('money', () => {
  it('parses decimals into exact ten-thousandths', () => {
    expect(toUnits('0.0025')).toBe(25n);
    expect(toUnits('1.5')).toBe(15000n);
    expect(toUnits(3)).toBe(30000n);
    expect(toUnits('-0.1')).toBe(-1000n);
    expect(toUnits('2.50000')).toBe(25000n); // trailing zeros beyond 4 places are harmless
    expect(() => toUnits('0.00001')).toThrow(/decimal places/);
    expect(() => toUnits('abc')).toThrow(/not a decimal/);
    expect(fromUnits(-25n)).toBe('-0.0025');
  });

  it('adds without floating point error', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats
    expect(addAmounts('0.1', '0.2')).toBe('0.3000');
    expect(addAmounts('0.0250', '0.0250', '0.0250', '0.1000', '0.1000')).toBe('0.2750');
    expect(addAmounts()).toBe('0.0000');
  });

  it('charges bot and operator messages at the channel price, client and system ones nothing', () => {
    const chat = { priceWeb: '0.0250', priceFacebook: '0.1' };
    expect(priceFor(chat, 'web')).toBe('0.0250');
    expect(priceFor(chat, 'facebook')).toBe('0.1000');
    expect(isPaidAuthor('bot')).toBe(true);
    expect(isPaidAuthor('operator')).toBe(true);
    expect(messageCost('bot', '0.025')).toEqual({ isPaid: true, cost: '0.0250' });
    expect(messageCost('operator', '0.1')).toEqual({ isPaid: true, cost: '0.1000' });
    expect(messageCost('client', '0.1')).toEqual({ isPaid: false, cost: '0.0000' });
    expect(messageCost('system', '0.1')).toEqual({ isPaid: false, cost: '0.0000' });
  });

  it('rounds to cents half away from zero', () => {
    expect(roundToCents('0.2750')).toBe('0.28');
    expect(roundToCents('0.2749')).toBe('0.27');
    expect(roundToCents('1.2500')).toBe('1.25');
    expect(roundToCents('0.0050')).toBe('0.01');
    expect(roundToCents('0.0049')).toBe('0.00');
    expect(roundToCents('-0.0050')).toBe('-0.01');
    expect(roundToCents('-0.0040')).toBe('0.00');
    expect(roundToCents('12345.6789')).toBe('12345.68');
  });

  it('shows amounts with 2 places, or 4 when they have sub-cent precision', () => {
    expect(displayAmount('0.2')).toBe('0.20');
    expect(displayAmount('0')).toBe('0.00');
    expect(displayAmount(0.05)).toBe('0.05');
    expect(displayAmount('0.0025')).toBe('0.0025');
    expect(displayAmount('0.1230')).toBe('0.1230');
    expect(displayAmount('-1.5')).toBe('-1.50');
    expect(displayAmount('12345.6789')).toBe('12345.6789');
    expect(moneyLabel('0.2', 'USD')).toBe('0.20 USD');
    expect(moneyLabel('0.0025', 'EUR')).toBe('0.0025 EUR');
    expect(moneyLabel('1', null)).toBe('1.00');
  });
});

describe('money labels', () => {
  it('rounds a sum to cents and shows a price or a message cost exactly', () => {
    expect(moneyLabel('0.0250', 'USD', 'cents')).toBe('0.03 USD');
    expect(moneyLabel('0.0250', 'USD', 'exact')).toBe('0.0250 USD');
    expect(moneyLabel('1.5', 'EUR', 'cents')).toBe('1.50 EUR');
    expect(moneyLabel('-0.0050', null, 'cents')).toBe('-0.01');
    expect(moneyLabel('0.0025', 'EUR')).toBe('0.0025 EUR'); // exact by default
  });
});
