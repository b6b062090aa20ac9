// Browser tests: real Chromium (Debian's /usr/bin/chromium driven by playwright-core) against the
// real application on an ephemeral port and a PGlite database, with a small dialogue fixture.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { createUser, startTestApp, PASSWORD, type TestAppOptions } from './http.js';
import type { BuiltApp } from '../../src/app/build-app.js';
import { openDialog } from '../../src/conversations/open-dialog.js';
import { storeMessage, storeMessages } from '../../src/conversations/message-store.js';
import { transferToOperator } from '../../src/conversations/transfer.js';
import { closeDialog } from '../../src/conversations/close-dialog.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SCREENSHOTS_DIR = path.join(ROOT, 'screenshots');
export { PASSWORD };

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian chromium: apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Bundles the AdminJS components into .adminjs/bundle.js (the script skips itself when fresh). */
export function ensureComponentBundle(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/app/bundle-components.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`bundling the components failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The fixture: two chats, six dialogues.

export interface BrowserFixture {
  chatA: { id: number; name: string; publicKey: string };
  chatB: { id: number; name: string; publicKey: string };
  /** Chat A: bot only, active. */
  a1: string;
  /** Chat A: transferred, never answered, active. */
  a2: string;
  /** Chat A: transferred, answered by the operator, closed. */
  a3: string;
  /** Chat A: transferred, never answered (the client wrote again), closed. */
  a4: string;
  /** Chat B: one client message, active. */
  b1: string;
  /** Chat B: transferred, never answered, active. */
  b2: string;
}

const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 1, day, 9, minute));

export async function buildBrowserFixture(db: TestDatabase): Promise<BrowserFixture> {
  const { prisma } = db;
  await createUser(db, 'admin');
  const operator = await createUser(db, 'operator');
  const chatA = await prisma.chat.create({
    data: { name: 'Flower shop', publicKey: 'pk-flower-shop', priceWeb: '0.0500', priceFacebook: '0.1000', currency: 'USD', allowedOrigins: ['https://flowers.example'] },
  });
  const chatB = await prisma.chat.create({ data: { name: 'Book store', publicKey: 'pk-book-store', priceWeb: '0.2000', currency: 'EUR' } });

  const a1 = await openDialog(prisma, { chatId: chatA.id, channel: 'web', externalId: 'cookie-anna', at: at(1) });
  await storeMessages(prisma, a1.id, [
    { authorType: 'client', text: 'Do you deliver on Sundays?', sentAt: at(1, 1) },
    { authorType: 'bot', authorName: 'Flora', text: 'Yes, every day from 9 to 21.', sentAt: at(1, 2) },
  ]);

  const a2 = await openDialog(prisma, { chatId: chatA.id, channel: 'web', externalId: 'cookie-boris', at: at(2) });
  await storeMessage(prisma, a2.id, { authorType: 'client', text: 'I need a bouquet for a wedding', sentAt: at(2, 1) });
  await storeMessage(prisma, a2.id, { authorType: 'bot', authorName: 'Flora', text: 'Let me call an operator', sentAt: at(2, 2) });
  await transferToOperator(prisma, a2.id, { at: at(2, 3) });
  await storeMessage(prisma, a2.id, { authorType: 'system', text: 'Transferred to an operator', sentAt: at(2, 3) });

  const a3 = await openDialog(prisma, { chatId: chatA.id, channel: 'facebook', externalId: 'psid-clara', at: at(3) });
  await storeMessage(prisma, a3.id, { authorType: 'client', text: 'Where is my order?', sentAt: at(3, 1) });
  await transferToOperator(prisma, a3.id, { at: at(3, 2), operatorId: operator.id });
  await storeMessage(prisma, a3.id, { authorType: 'operator', operatorId: operator.id, authorName: 'operator', text: 'It ships today', sentAt: at(3, 4) });
  await closeDialog(prisma, a3.id, at(3, 10));

  const a4 = await openDialog(prisma, { chatId: chatA.id, channel: 'web', externalId: 'cookie-denis', at: at(4) });
  await storeMessage(prisma, a4.id, { authorType: 'bot', authorName: 'Flora', text: 'Hello! How can I help?', sentAt: at(4, 1) });
  await transferToOperator(prisma, a4.id, { at: at(4, 2) });
  await storeMessage(prisma, a4.id, { authorType: 'client', text: 'Anybody there?', sentAt: at(4, 5) });
  await closeDialog(prisma, a4.id, at(4, 40));

  const b1 = await openDialog(prisma, { chatId: chatB.id, channel: 'web', externalId: 'cookie-anna', at: at(5) });
  await storeMessage(prisma, b1.id, { authorType: 'client', text: 'Is "War and Peace" in stock?', sentAt: at(5, 1) });

  const b2 = await openDialog(prisma, { chatId: chatB.id, channel: 'web', externalId: 'cookie-eva', at: at(6) });
  await storeMessage(prisma, b2.id, { authorType: 'bot', text: 'An operator will answer shortly', sentAt: at(6, 1) });
  await transferToOperator(prisma, b2.id, { at: at(6, 2) });

  return {
    chatA: { id: chatA.id, name: chatA.name, publicKey: chatA.publicKey },
    chatB: { id: chatB.id, name: chatB.name, publicKey: chatB.publicKey },
    a1: a1.id, a2: a2.id, a3: a3.id, a4: a4.id, b1: b1.id, b2: b2.id,
  };
}

// ---------------------------------------------------------------------------------------------
// The application on 127.0.0.1:<ephemeral port>.

export interface BrowserApp {
  baseUrl: string;
  db: TestDatabase;
  built: BuiltApp;
  fixture: BrowserFixture;
  close(): Promise<void>;
}

/** Options of the app under test: more AdminJS options (e.g. themes). */
export type BrowserAppOptions = Pick<TestAppOptions, 'adminOptions'>;

export async function startBrowserApp(options: BrowserAppOptions = {}): Promise<BrowserApp> {
  const db = await createTestDatabase('pglite');
  try {
    const fixture = await buildBrowserFixture(db);
    // no configured public URL: links and codes use the origin the browser reports
    const built = await startTestApp(db, { publicUrl: null, adminOptions: options.adminOptions });
    const server: Server = await new Promise((resolve, reject) => {
      const listening = built.app.listen(0, '127.0.0.1', () => resolve(listening));
      listening.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db,
      built,
      fixture,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Page helpers.

/** A fresh context (no cookies) that may read and write the clipboard of the app's origin. */
export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Fills and submits the AdminJS login form shown on the current page. */
export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/login')),
    page.locator('form button[type="submit"], form button').first().click(),
  ]);
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Saves screenshots/<name>.png (the folder is git-ignored). AdminJS scrolls its content inside a
 * full-height layout, so a "full page" screenshot would stop at the window's bottom: the window is
 * made as tall as the tallest scrolled content for the shot, then restored.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(() => {
    let tallest = document.documentElement.scrollHeight;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const { overflowY } = getComputedStyle(element);
      const onScreen = element.getBoundingClientRect().left < window.innerWidth; // not a closed drawer
      if ((overflowY === 'auto' || overflowY === 'scroll') && onScreen && element.scrollHeight > element.clientHeight) {
        tallest = Math.max(tallest, window.innerHeight + element.scrollHeight - element.clientHeight);
      }
    }
    return tallest;
  });
  const tall = viewport && contentHeight > viewport.height;
  if (tall) await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 4000) });
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    if (tall) await page.setViewportSize(viewport);
  }
  return file;
}

/** The session ids shown in the rows of the current AdminJS list. */
export async function listedIds(page: Page): Promise<string[]> {
  return page.locator('[data-testid="property-list-id"]').allInnerTexts().then((texts) => texts.map((text) => text.trim()));
}

/** Polls `read` until it returns a value deeply equal to `expected` (then asserts it, for the message). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!isDeepStrictEqual(value, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}

/** Closes a list's filter drawer (it stays open after Apply) and waits until it has slid away. */
export async function closeFilterDrawer(page: Page, resourceId: string): Promise<void> {
  const selector = `[data-css="${resourceId}-filter-drawer"]`;
  await page.locator(selector).locator('h3 + button').click();
  await page.waitForFunction((css) => {
    const element = document.querySelector(css);
    return !!element && element.getBoundingClientRect().left >= window.innerWidth - 1;
  }, selector);
}

export interface BrowserSession { app: BrowserApp; browser: Browser; context: BrowserContext; page: Page }

/**
 * Registers the usual setup of a browser suite: bundle the components if they changed, start the
 * app on the fixture, open Chromium with one page; closed after the suite. Read the fields inside
 * tests (they are filled in beforeAll).
 */
export function useBrowserSession(options: BrowserAppOptions = {}): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    ensureComponentBundle();
    session.app = await startBrowserApp(options);
    session.browser = await launchBrowser();
    session.context = await newContext(session.browser, session.app.baseUrl);
    session.page = await session.context.newPage();
  }, 120_000); // bundling the components, when they changed, takes a while
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.close();
  });
  return session;
}
