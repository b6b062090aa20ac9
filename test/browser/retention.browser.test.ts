// The chat's retention period in a real browser: the chat page says "Kept forever", the form
// refuses 0 days on its field, takes 90, and the page then shows the period, the last run and how
// many dialogues it emptied. Screenshots go to screenshots/retention-<step>.png (git-ignored).
import type { Page } from 'playwright-core';
import { logIn, screenshot, type BrowserApp, useBrowserSession } from '../support/browser.js';

describe('retention period on the chat page in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let page: Page;
  beforeAll(() => ({ app, page } = session));

  const summary = () => page.locator('[data-testid="chat-retention"]');

  it('01 kept forever; the form refuses 0 days and takes 90; the page shows the period and the last run', async () => {
    const chatId = app.fixture.chatA.id;
    await page.goto(`${app.baseUrl}/admin/resources/Chat/records/${chatId}/show`);
    await logIn(page, 'admin@example.com');
    await summary().getByText('Kept forever').waitFor();
    expect(await summary().innerText()).not.toMatch(/Last run|Not run yet/);

    await page.goto(`${app.baseUrl}/admin/resources/Chat/records/${chatId}/edit`);
    const field = page.locator('input[name="retentionDays"]');
    await field.fill('0');
    await page.locator('form button[type="submit"]').click();
    await page.getByText('Enter a whole number of days from 1 to 3650').waitFor();
    await screenshot(page, 'retention-01-refused');
    expect((await app.db.prisma.chat.findUniqueOrThrow({ where: { id: chatId } })).retentionDays).toBeNull();

    await field.fill('90');
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
    expect((await app.db.prisma.chat.findUniqueOrThrow({ where: { id: chatId } })).retentionDays).toBe(90);
    await page.goto(`${app.baseUrl}/admin/resources/Chat/records/${chatId}/show`);
    await summary().getByText('Content removed 90 days after the last message').waitFor();
    await summary().getByText('Not run yet').waitFor();

    await app.db.prisma.chat.update({ where: { id: chatId }, data: { retentionLastRunAt: new Date('2026-12-01T03:00:00Z'), retentionLastRemoved: 12 } });
    await page.reload();
    await summary().getByText(/Last run .*2026.*: removed the content of 12 dialogues/).waitFor();
    await screenshot(page, 'retention-02-shown');
  }, 60_000);
});
