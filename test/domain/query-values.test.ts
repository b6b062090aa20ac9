import { isFilterDate, isSerialId, valueProblem } from '../../src/domain/query-values.js';
import { leavesNoAdmin } from '../../src/domain/roles.js';

describe('query values', () => {
  it('takes serial ids within PostgreSQL integer only', () => {
    expect(['1', '2147483647'].map(isSerialId)).toEqual([true, true]);
    expect(['0', '-1', '2147483648', '99999999999999', 'abc', '1.5', ' 1'].map(isSerialId)).toEqual(Array(7).fill(false));
  });

  it('takes text without NUL or half a surrogate pair', () => {
    expect(valueProblem('text', 'héllo 👋')).toBeNull();
    expect(['a\u0000b', '\ud800', 'x\udc00', '\ud83d'].map((value) => valueProblem('text', value))).toEqual(Array(4).fill('contains a NUL character or broken Unicode'));
  });

  it('takes dates of years 1 to 9999', () => {
    expect(isFilterDate('2026-01-01T00:00:00.000Z')).toBe(true);
    expect(['garbage', '+275760-09-13T00:00:00.000Z', '+010000-01-01T00:00:00Z', ''].map(isFilterDate)).toEqual([false, false, false, false]);
  });

  it('says why a value does not fit its kind', () => {
    expect(valueProblem('int', '12')).toBeNull();
    expect(valueProblem('int', '9999999999')).toMatch(/whole number/);
    expect(valueProblem('uuid', 'abc')).toMatch(/UUID/);
    expect(valueProblem('uuid', '3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBeNull();
    expect(valueProblem('number', '1.50')).toBeNull();
    expect(valueProblem('number', '1e400')).toMatch(/number/);
    expect(valueProblem('boolean', 'yes')).toMatch(/true or false/);
    expect(valueProblem('text', 'x'.repeat(501))).toMatch(/longer/);
    expect(valueProblem('text', 'a\u0000')).toMatch(/NUL/);
  });
});

describe('the last admin', () => {
  it('may not be demoted or deleted', () => {
    expect(leavesNoAdmin('admin', 'viewer', 1)).toBe(true);
    expect(leavesNoAdmin('admin', null, 1)).toBe(true);
    expect(leavesNoAdmin('admin', 'operator', 2)).toBe(false);
    expect(leavesNoAdmin('admin', 'admin', 1)).toBe(false);
    expect(leavesNoAdmin('operator', null, 1)).toBe(false);
  });
});
