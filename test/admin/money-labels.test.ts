import { moneyLabelOf } from '../../src/admin/hooks/money-labels.js';

describe('money labels of record params', () => {
  it('labels an empty amount as zero and shows a value that is not a decimal as stored', () => {
    expect(moneyLabelOf(undefined, 'USD')).toBe('0.00 USD');
    expect(moneyLabelOf('', 'USD', 'cents')).toBe('0.00 USD');
    expect(moneyLabelOf('n/a', 'USD', 'cents')).toBe('n/a');
    expect(moneyLabelOf('0.0250', 42)).toBe('0.0250'); // a currency that is not text is left out
  });
});
