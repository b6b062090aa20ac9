// Operators and bot settings in a real browser: an operator answers a waiting dialogue from its page
// (the reply and the client's next message appear live), closes it; the list's "Waiting for
// operator first"; an admin edits the bot rules with a bad regular expression, then a good one.
// Screenshots go to screenshots/operator-<step>.png (git-ignored).
import type { BrowserContext, Page } from 'playwright-core';
import { eventually, listedIds, logIn, screenshot, type BrowserApp, useBrowserSession } from '../support/browser.js';

describe('operators and bot settings in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let context: BrowserContext;
  let page: Page;
  beforeAll(() => ({ app, context, page } = session));

  const shot = (step: string) => screenshot(page, `operator-${step}`);
  const messageTexts = () => page.locator('[data-testid="dialog-message"]').allInnerTexts();

  it('01 an operator answers a waiting dialogue; the reply and the client\'s answer show live', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog/records/${app.fixture.a2}/show`);
    await logIn(page, 'operator@example.com');
    await page.locator('[data-testid="operator-panel"]').waitFor();
    await page.locator('[data-testid="no-operator-response"]').first().waitFor();
    await page.locator('[data-testid="dialog-message"]').first().waitFor();
    await page.locator('[data-testid="operator-reply-text"]').fill('Hello, I am Olga. Which flowers would you like?');
    await page.locator('[data-testid="operator-reply-send"]').click();
    await page.locator('[data-testid="dialog-message"]', { hasText: 'Which flowers would you like?' }).waitFor();
    await page.locator('[data-testid="no-operator-response"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="operator-reply-text"]').inputValue()).toBe('');

    await app.built.chats.context.conversations.clientMessage({ dialogId: app.fixture.a2, text: 'White roses, please' });
    await page.locator('[data-testid="dialog-message"]', { hasText: 'White roses, please' }).waitFor();
    const texts = await messageTexts();
    expect(texts.findIndex((t) => t.includes('Which flowers'))).toBeLessThan(texts.findIndex((t) => t.includes('White roses')));
    const dialog = await app.db.prisma.dialog.findUniqueOrThrow({ where: { id: app.fixture.a2 } });
    expect(dialog.firstOperatorReplyAt).not.toBeNull();
    await shot('01-replied');
  });

  it('02 closes the dialogue: the panel goes, the status says closed', async () => {
    await page.locator('[data-testid="operator-close"]').click();
    await page.locator('[data-testid="operator-panel"]').waitFor({ state: 'detached' });
    expect((await app.db.prisma.dialog.findUniqueOrThrow({ where: { id: app.fixture.a2 } })).status).toBe('closed');
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await shot('02-closed');
  });

  it('03 lists the dialogues waiting for an operator first', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog`);
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    await page.locator('[data-testid="action-chatsWaitingFirst"]').first().click();
    await page.waitForURL(/sortBy=status/);
    // the list before the click may still be on the page (or be replaced just now): wait for the new order
    await eventually(async () => (await listedIds(page))[0], app.fixture.b2); // the only active dialogue still waiting
    await shot('03-waiting-first');
  });

  it('04 an admin edits the bot rules: a bad regular expression is refused on its field', async () => {
    const admin = await context.browser()!.newContext({ viewport: { width: 1400, height: 1200 }, locale: 'en-US' });
    const adminPage = await admin.newPage();
    try {
      await adminPage.goto(`${app.baseUrl}/admin/resources/Chat/records/${app.fixture.chatA.id}/edit`);
      await logIn(adminPage, 'admin@example.com');
      await adminPage.locator('[data-testid="bot-rules-edit"]').waitFor();
      await adminPage.locator('[data-testid="bot-rule-add"]').click();
      const rule = adminPage.locator('[data-testid="bot-rule"]').last();
      await rule.locator('select').selectOption('regex');
      // the form says which syntax the bot's engine takes
      await rule.locator('[data-testid="regex-syntax"]').getByText(/RE2 syntax.*Back-references and lookaround are not supported/).waitFor();
      await rule.locator('input[id$="-pattern"]').fill('(roses');
      await rule.locator('textarea').fill('Roses are 2 USD each');
      await rule.locator('input[id$="-markers"]').fill('lead, roses');
      await adminPage.locator('form button[type="submit"]').click();
      await adminPage.getByText(/The regular expression is not valid: .*missing closing \)/).waitFor();
      await screenshot(adminPage, 'operator-04-bad-regex');

      await rule.locator('input[id$="-pattern"]').fill('\\broses?\\b');
      await adminPage.locator('form button[type="submit"]').click();
      await adminPage.waitForURL((url) => !url.pathname.endsWith('/edit'));
      const chat = await app.db.prisma.chat.findUniqueOrThrow({ where: { id: app.fixture.chatA.id } });
      expect(chat.botRules).toEqual([{ pattern: '\\broses?\\b', kind: 'regex', answer: 'Roses are 2 USD each', markers: ['lead', 'roses'], transfer: false }]);
      await adminPage.goto(`${app.baseUrl}/admin/resources/Chat/records/${app.fixture.chatA.id}/show`);
      await adminPage.locator('[data-testid="bot-rules"]').getByText('Roses are 2 USD each', { exact: false }).waitFor();
      await screenshot(adminPage, 'operator-05-rules-shown');
    } finally {
      await admin.close();
    }
  });
});
