import { isUuid } from '../../src/domain/uuid.js';

describe('isUuid', () => {
  it('accepts the 8-4-4-4-12 hex form in either case', () => {
    expect(isUuid('5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3f')).toBe(true);
    expect(isUuid('5F0C6A8E-8A0E-4A47-9A57-2F9B1C1D2E3F')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses everything else, including 36 characters of hex and dashes in the wrong places', () => {
    for (const value of [
      'not-a-uuid', '', '5f0c6a8e8a0e4a479a572f9b1c1d2e3f', '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3', '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3fa',
      '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3g', '5f0c6a8e8-a0e-4a47-9a57-2f9b1c1d2e3f', '------------------------------------',
      ' 5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3f', '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3f\n',
    ]) expect([value, isUuid(value)]).toEqual([value, false]);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
