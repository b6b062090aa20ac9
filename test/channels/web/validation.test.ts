// The widget's pure rules: input validation, the browser language, visit times, token buckets.
import { parseEvents, parseMessage, parseSession, parseVisit, visitTime, widgetLanguage } from '../../../src/channels/web/validation.js';
import { WidgetRateLimiter } from '../../../src/channels/web/rate-limit.js';
import { createLimiter, type LimiterRule } from '../../../src/limits/create-limiter.js';

const DIALOG = '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3f';
const CLIENT = 'abcdef0123456789';

describe('widget validation', () => {
  it('counts a message in characters as the visitor sees them, and trims it', () => {
    const emoji = '🌹'.repeat(10);
    expect(parseMessage({ dialogId: DIALOG, clientId: CLIENT, clientMessageId: 'm1', text: emoji }, 10)).toMatchObject({ ok: true });
    expect(parseMessage({ dialogId: DIALOG, clientId: CLIENT, clientMessageId: 'm1', text: `${emoji}!` }, 10)).toMatchObject({ ok: false, error: { error: 'message_too_long' } });
    expect(parseMessage({ dialogId: DIALOG.toUpperCase(), clientId: CLIENT, clientMessageId: 'm1', text: '  hi\n' })).toEqual({
      ok: true, value: { dialogId: DIALOG, clientId: CLIENT, clientMessageId: 'm1', text: 'hi' },
    });
  });

  it('defaults create to true and refuses anything but an object', () => {
    expect(parseSession({ clientId: CLIENT })).toEqual({ ok: true, value: { clientId: CLIENT, create: true } });
    expect(parseSession(null)).toMatchObject({ ok: false, error: { status: 400, error: 'invalid_body' } });
    expect(parseSession('x')).toMatchObject({ ok: false, error: { error: 'invalid_body' } });
  });

  it('keeps a visit on an allowed origin, cuts a long title, and normalises the URL', () => {
    const result = parseVisit({ dialogId: DIALOG, clientId: CLIENT, url: 'HTTPS://Shop.Example/a b', title: 'T'.repeat(600) }, ['https://shop.example']);
    expect(result).toMatchObject({ ok: true, value: { url: 'https://shop.example/a%20b' } });
    if (result.ok) expect(result.value.title).toHaveLength(500);
    expect(parseVisit({ dialogId: DIALOG, clientId: CLIENT, url: 'https://user:pw@shop.example/' }, ['https://shop.example'])).toMatchObject({ ok: false, error: { error: 'invalid_url' } });
    expect(parseVisit({ dialogId: DIALOG, clientId: CLIENT, url: 'https://shop.example:8443/' }, ['https://shop.example'])).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('believes a visit time only within the last day and a minute ahead', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    expect(visitTime(new Date('2026-05-01T09:00:00Z'), now)).toEqual(new Date('2026-05-01T09:00:00Z'));
    expect(visitTime(new Date('2026-04-29T12:00:00Z'), now)).toBe(now);
    expect(visitTime(new Date('2026-05-01T12:05:00Z'), now)).toBe(now);
    expect(visitTime(undefined, now)).toBe(now);
  });

  it('takes the later of `after` and Last-Event-ID', () => {
    expect(parseEvents({ dialogId: DIALOG, clientId: CLIENT, after: '5' }, '9')).toMatchObject({ ok: true, value: { after: 9 } });
    expect(parseEvents({ dialogId: DIALOG, clientId: CLIENT, after: '12' }, '9')).toMatchObject({ ok: true, value: { after: 12 } });
    expect(parseEvents({ dialogId: DIALOG, clientId: CLIENT, after: ['1', '2'] })).toMatchObject({ ok: false, error: { error: 'invalid_after' } });
  });

  it('speaks Russian when the browser prefers it', () => {
    expect(widgetLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(widgetLanguage('en-US,ru;q=0.5')).toBe('en');
    expect(widgetLanguage('de, ru;q=0.3')).toBe('ru');
    expect(widgetLanguage('ru;q=0, en;q=0.2')).toBe('en');
    expect(widgetLanguage(undefined)).toBe('en');
  });
});

describe('widget rate limits', () => {
  const memory = (rule: LimiterRule) => createLimiter(rule);

  it('allows a burst, then refuses with the seconds to wait', async () => {
    const limiter = new WidgetRateLimiter(memory, { client: { burst: 2, perSecond: 0.5 }, ip: { burst: 100, perSecond: 100 } });
    expect([await limiter.take(1, 'a', 'ip'), await limiter.take(1, 'a', 'ip')]).toEqual([0, 0]);
    const wait = await limiter.take(1, 'a', 'ip');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(4); // the window: burst / perSecond
    expect(await limiter.take(1, 'b', 'ip')).toBe(0);
    expect(await limiter.take(2, 'a', 'ip')).toBe(0); // another chat's client
  });

  it('charges the address and the client together', async () => {
    const limiter = new WidgetRateLimiter(memory, { client: { burst: 5, perSecond: 0.001 }, ip: { burst: 2, perSecond: 0.001 } });
    expect([await limiter.take(1, 'c1', 'ip'), await limiter.take(1, 'c2', 'ip')]).toEqual([0, 0]);
    expect(await limiter.take(1, 'c3', 'ip')).toBeGreaterThan(0);
    expect(await limiter.take(1, 'c3', 'other-ip')).toBe(0);
  });
});
