// The response-time rules (src/domain/response-times.ts) on small hand-made timelines.
import { isLeftWithoutResponse, responseTimes, type TimelineMessage } from '../../src/domain/response-times.js';

const t = (hms: string) => new Date(`2026-03-02T${hms}Z`);
const msg = (author: TimelineMessage['authorType'], hms: string): TimelineMessage => ({ authorType: author, sentAt: t(hms) });

describe('responseTimes', () => {
  it('first response from the transfer, later ones from the first unanswered client message', () => {
    const messages = [
      msg('client', '10:00:00'), msg('bot', '10:00:05'),
      msg('client', '10:01:30'), // after the 10:01:00 transfer: the wait already runs since the transfer
      msg('operator', '10:03:30'), // 10:01:00 → 10:03:30 = 150 s (first)
      msg('operator', '10:03:40'), // no client message in between: not a response
      msg('client', '10:05:00'), msg('client', '10:05:20'),
      msg('operator', '10:06:00'), // 10:05:00 → 10:06:00 = 60 s
      msg('operator', '10:06:10'), // again no client message in between: not a response
      msg('client', '10:07:00'), // never answered: no response time
    ];
    expect(responseTimes(t('10:01:00'), messages)).toEqual({ first: 150, responses: [150, 60] });
    expect(isLeftWithoutResponse(t('10:01:00'), messages)).toBe(false);
  });

  it('ignores messages before the transfer, bot and system messages', () => {
    const messages = [
      msg('client', '09:59:00'), msg('operator', '09:59:30'), // before the 10:00:00 transfer
      msg('system', '10:00:00'), msg('client', '10:00:10'), msg('bot', '10:00:20'),
      msg('operator', '10:01:00'), // 10:00:00 → 10:01:00 = 60 s
    ];
    expect(responseTimes(t('10:00:00'), messages)).toEqual({ first: 60, responses: [60] });
  });

  it('an operator message at the transfer instant is a 0 s first response', () => {
    expect(responseTimes(t('10:00:00'), [msg('operator', '10:00:00')])).toEqual({ first: 0, responses: [0] });
  });

  it('no operator message after the transfer: no times, left without response', () => {
    const messages = [msg('operator', '11:59:00'), msg('client', '12:00:30'), msg('client', '12:02:00')];
    expect(responseTimes(t('12:00:00'), messages)).toEqual({ first: null, responses: [] });
    expect(isLeftWithoutResponse(t('12:00:00'), messages)).toBe(true);
    expect(isLeftWithoutResponse(t('12:00:00'), [])).toBe(true);
    expect(isLeftWithoutResponse(null, [])).toBe(false);
  });

  it('without a transfer the operator part starts at the first operator message', () => {
    const messages = [
      msg('client', '08:00:00'), msg('bot', '08:00:05'), msg('client', '08:01:00'),
      msg('operator', '08:03:00'), // joined unasked: not a response, no first response time
      msg('client', '08:04:00'), msg('operator', '08:04:40'), // 40 s
    ];
    expect(responseTimes(null, messages)).toEqual({ first: null, responses: [40] });
  });

  it('takes messages in time order, equal times in the given (stored) order', () => {
    const clientFirst = [
      msg('operator', '11:01:00'), // 11:00:30 → 11:01:00 = 30 s
      msg('client', '11:02:00'), msg('operator', '11:02:00'), // 0 s
      msg('operator', '11:03:00'), // follows an operator message: not a response
    ];
    expect(responseTimes(t('11:00:30'), clientFirst)).toEqual({ first: 30, responses: [30, 0] });
    const operatorFirst = [
      msg('operator', '11:01:00'),
      msg('operator', '11:02:00'), msg('client', '11:02:00'), // the client now waits since 11:02:00
      msg('operator', '11:03:00'), // 60 s
    ];
    expect(responseTimes(t('11:00:30'), operatorFirst)).toEqual({ first: 30, responses: [30, 60] });
    const shuffled = [msg('operator', '10:06:00'), msg('client', '10:05:00'), msg('operator', '10:03:30')];
    expect(responseTimes(t('10:01:00'), shuffled)).toEqual({ first: 150, responses: [150, 60] });
  });

  it('keeps milliseconds', () => {
    expect(responseTimes(t('10:00:00.000'), [msg('operator', '10:00:01.250')])).toEqual({ first: 1.25, responses: [1.25] });
  });
});
