// What escapes the admin's routes: refusals get their kind's status and message, faults a logged
// 500 with a generic message and never a stack.
import express from 'express';
import request from 'supertest';
import { ChatsError } from '../../src/domain/errors.js';
import { adminErrorHandler } from '../../src/http/admin-errors.js';
import { RecordingLogger } from '../support/logger.js';

function appThrowing(error: unknown, logger: RecordingLogger) {
  const fail: express.RequestHandler = (_req, _res, next) => next(error);
  return express().get('/admin/api/thing', fail).get('/admin/page', fail).use(adminErrorHandler(logger));
}

describe('adminErrorHandler', () => {
  it('answers a refusal with its status and message: JSON for the API, text for pages', async () => {
    const logger = new RecordingLogger();
    const app = appThrowing(new ChatsError('conflict', 'reportNotReady', 'This report is not ready yet'), logger);
    const api = await request(app).get('/admin/api/thing');
    expect([api.status, api.body]).toEqual([409, { error: 'This report is not ready yet', code: 'reportNotReady' }]);
    const page = await request(app).get('/admin/page');
    expect([page.status, page.text]).toEqual([409, 'This report is not ready yet']);
    expect(logger.entries).toEqual([]);
  });

  it('answers a fault 500 with a generic message, and logs it', async () => {
    const logger = new RecordingLogger();
    const response = await request(appThrowing(new Error('secret database detail'), logger)).get('/admin/api/thing');
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('secret database detail');
    expect(logger.messages('error')).toEqual(['admin request failed']);
  });
});
