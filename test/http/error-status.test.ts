// The one table from error kinds to HTTP statuses, and which foreign errors count as refusals.
import express from 'express';
import request from 'supertest';
import { ChatsError, ERROR_KINDS } from '../../src/domain/errors.js';
import { asChatsError, errorHeaders, HTTP_STATUS, httpStatusOf } from '../../src/http/error-status.js';

describe('error kinds as HTTP statuses', () => {
  it('gives every kind a distinct client-error status, and "unavailable" 503', () => {
    const statuses = ERROR_KINDS.map((kind) => HTTP_STATUS[kind]);
    expect(new Set(statuses).size).toBe(ERROR_KINDS.length);
    for (const kind of ERROR_KINDS) {
      const status = httpStatusOf(new ChatsError(kind, 'x', 'x'));
      if (kind === 'unavailable') expect(status).toBe(503);
      else expect([kind, status >= 400 && status < 500]).toEqual([kind, true]);
    }
    expect(HTTP_STATUS).toMatchObject({ invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, unsupported: 415, too_many: 429 });
  });

  it('says when to retry only for refusals that know', () => {
    expect(errorHeaders(new ChatsError('too_many', 'rate_limited', 'Wait', { details: { retryAfter: 7 } }))).toEqual({ 'Retry-After': '7' });
    expect(errorHeaders(new ChatsError('invalid', 'bad', 'Bad'))).toEqual({});
  });

  it('takes an exhausted database pool for "busy, retry shortly" and leaves other faults alone', () => {
    for (const code of ['P2024', 'P2028']) {
      const busy = asChatsError(Object.assign(new Error('Timed out fetching a new connection'), { code }));
      expect(busy).toMatchObject({ kind: 'unavailable', code: 'busy', details: { retryAfter: 1 } });
    }
    expect(asChatsError(Object.assign(new Error('unique'), { code: 'P2002' }))).toBeNull();
    expect(asChatsError(new TypeError('x is undefined'))).toBeNull();
    expect(asChatsError(null)).toBeNull();
    const own = new ChatsError('conflict', 'closed', 'Closed');
    expect(asChatsError(own)).toBe(own);
  });

  it("takes body-parser's refusals of a request body as refusals", async () => {
    const app = express().post('/', express.json({ limit: 20 }), (_req, res) => { res.json({ ok: true }); });
    app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const refusal = asChatsError(error);
      res.status(refusal ? httpStatusOf(refusal) : 500).json({ code: refusal?.code ?? null });
    });
    const tooLarge = await request(app).post('/').set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(100) }));
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'body_too_large']);
    const broken = await request(app).post('/').set('Content-Type', 'application/json').send('{"a":');
    expect([broken.status, broken.body.code]).toEqual([400, 'malformed_json']);
    const latin1 = await request(app).post('/').set('Content-Type', 'application/json; charset=latin1').send('{}');
    expect([latin1.status, latin1.body.code]).toEqual([415, 'unsupported_encoding']);
  });
});
