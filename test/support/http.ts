// Starts the real application (AdminJS routes and all) on a test database and logs users in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import type { AdminJSOptions } from 'adminjs';
import request from 'supertest';
import { buildApp, type BuiltApp } from '../../src/app/build-app.js';
import { hashPassword } from '../../src/accounts/password.js';
import type { TestDatabase } from './databases.js';
import { RecordingLogger } from './logger.js';
import type { Role } from '../../src/domain/roles.js';
import type { SessionLifetimes } from '../../src/accounts/account-sessions.js';
import type { LoginLimiters } from '../../src/accounts/login-throttle.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';
export const PASSWORD = 'password123';

export interface TestAppOptions {
  publicUrl?: string | null;
  /** More AdminJS options (e.g. themes), spread over the plugin's. */
  adminOptions?: Partial<AdminJSOptions>;
  /** Express' trust proxy (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  secureCookies?: boolean;
  /** Session lifetimes and the account cache (tests shorten them). */
  sessions?: SessionLifetimes;
  loginLimiters?: LoginLimiters;
}

/** The app on a test database; report files go to a fresh temporary folder. */
export async function startTestApp(db: TestDatabase, options: TestAppOptions = {}): Promise<BuiltApp> {
  return buildApp({
    prisma: db.prisma,
    sql: db.sql,
    secret: TEST_SECRET,
    publicUrl: options.publicUrl === null ? undefined : options.publicUrl ?? 'http://chats.test',
    reports: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'chats-reports-')) },
    logger: new RecordingLogger(),
    adminOptions: options.adminOptions,
    trustProxy: options.trustProxy,
    secureCookies: options.secureCookies,
    sessions: options.sessions,
    loginLimiters: options.loginLimiters,
  });
}

// one hash for all test users: a hash costs about as much as OWASP asks (hundreds of ms)
let passwordHash: Promise<string> | undefined;

export async function createUser(db: TestDatabase, role: Role, email = `${role}@example.com`) {
  passwordHash ??= hashPassword(PASSWORD);
  return db.prisma.adminUser.create({ data: { email, role, name: role, passwordHash: await passwordHash } });
}

/** An agent holding a logged-in session cookie for the given user. */
export async function loginAs(app: Express, email: string, password = PASSWORD) {
  const agent = request.agent(app);
  const response = await agent.post('/admin/login').type('form').send({ email, password });
  if (response.status !== 302 || response.headers.location?.includes('login')) {
    throw new Error(`login of ${email} failed: ${response.status}`);
  }
  return agent;
}
