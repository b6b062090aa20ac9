// Checking the dashboard's period, chat and time zone (no database).
import { DashboardInputError, parseDashboardParams, todayIn, validateDashboardQuery } from '../../src/dashboard/dashboard-input.js';

const refusal = (action: () => unknown): DashboardInputError => {
  try {
    action();
  } catch (error) {
    if (error instanceof DashboardInputError) return error;
    throw error;
  }
  throw new Error('expected a DashboardInputError');
};

describe('dashboard input', () => {
  const now = new Date('2026-03-01T22:30:00Z');

  it('defaults to the last 30 days (today included), all chats, UTC', () => {
    expect(parseDashboardParams({}, now)).toEqual({ from: '2026-01-31', to: '2026-03-01', timeZone: 'UTC' });
  });

  it('takes "today" in the chosen zone: 22:30Z is already March 2nd in Moscow', () => {
    expect(todayIn('Europe/Moscow', now)).toBe('2026-03-02');
    expect(parseDashboardParams({ tz: 'Europe/Moscow', chat: '7' }, now)).toEqual({ from: '2026-02-01', to: '2026-03-02', timeZone: 'Europe/Moscow', chatId: 7 });
  });

  it('canonicalizes the zone name', () => {
    expect(validateDashboardQuery({ from: '2026-03-01', to: '2026-03-01', timeZone: 'utc' }).timeZone).toBe('UTC');
  });

  it('accepts a period of 366 days and refuses 367', () => {
    expect(validateDashboardQuery({ from: '2024-01-01', to: '2024-12-31', timeZone: 'UTC' }).to).toBe('2024-12-31');
    const error = refusal(() => validateDashboardQuery({ from: '2024-01-01', to: '2025-01-01', timeZone: 'UTC' }));
    expect(error.code).toBe('periodTooLong');
    expect(error.message).toBe('The period is 367 days long; choose at most 366 days');
  });

  it.each([
    [{ from: '2026-02-30' }, 'invalidDate', '"from" must be a date written as YYYY-MM-DD, got "2026-02-30"'],
    [{ to: 'yesterday' }, 'invalidDate', '"to" must be a date written as YYYY-MM-DD, got "yesterday"'],
    [{ from: '2026-03-05', to: '2026-03-01' }, 'periodReversed', 'The period starts (2026-03-05) after it ends (2026-03-01)'],
    [{ tz: 'Mars/Olympus' }, 'invalidTimeZone', 'Unknown time zone "Mars/Olympus"'],
    [{ chat: 'abc' }, 'invalidChat', 'Unknown chat "abc"'],
    [{ chat: '0' }, 'invalidChat', 'Unknown chat "0"'],
  ])('refuses %j with a clear message', (params, code, message) => {
    const error = refusal(() => parseDashboardParams(params, now));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });
});
