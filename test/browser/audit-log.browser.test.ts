// The audit log in a real browser: an admin edits a chat, then finds the entry in "Audit log"
// (newest first, the action's label, the user), opens it and reads the details in words; the
// menu offers no New, Edit or Delete; the screen reads in Russian. Screenshots: screenshots/audit-<nn>-<step>.png.
import type { Browser, Page } from 'playwright-core';
import { logIn, screenshot, type BrowserApp, useBrowserSession } from '../support/browser.js';

describe('the audit log in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let page: Page;
  beforeAll(() => ({ app, page } = session as { app: BrowserApp; browser: Browser; page: Page }));

  it('01 records a chat edit made on the page, and lists it first', async () => {
    await page.goto(`${app.baseUrl}/admin/login`);
    await logIn(page, 'admin@example.com');
    const chat = app.fixture.chatA;
    await page.goto(`${app.baseUrl}/admin/resources/Chat/records/${chat.id}/edit`);
    const name = page.locator('input[name="name"]');
    await name.fill('Flower shop & co');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/edit')),
      page.locator('[data-testid="button-save"]').click(),
    ]);
    await page.goto(`${app.baseUrl}/admin/resources/AuditEntry`);
    const firstRow = page.locator('tbody tr').first();
    await firstRow.waitFor();
    expect(await firstRow.innerText()).toMatch(/Chat changed[\s\S]*admin@example\.com[\s\S]*Flower shop & co/);
    expect(await page.locator('tbody tr').filter({ hasText: 'Login' }).count()).toBeGreaterThan(0);
    // read-only: no "Create new" button
    expect(await page.locator('[data-testid="action-new"]').count()).toBe(0);
    await screenshot(page, 'audit-01-list');
  });

  it('02 shows an entry with its details in words', async () => {
    const entry = await app.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'chat_changed' }, orderBy: { id: 'desc' } });
    await page.goto(`${app.baseUrl}/admin/resources/AuditEntry/records/${entry.id}/show`);
    const details = page.locator('section').filter({ hasText: 'Details' }).last();
    await details.waitFor();
    expect(await page.locator('body').innerText()).toContain('name: Flower shop → Flower shop & co');
    expect(await page.locator('[data-testid="action-edit"], [data-testid="action-delete"]').count()).toBe(0);
    await screenshot(page, 'audit-02-show');
  });

  it('03 reads in Russian: the screen, the columns and the action labels', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/AuditEntry`);
    await page.locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Русский', { exact: true }).click();
    await page.getByRole('heading', { name: /Журнал аудита/ }).waitFor();
    const text = await page.locator('body').innerText();
    for (const label of ['Время', 'Действие', 'Пользователь', 'Чат изменён', 'Вход']) expect([label, text.includes(label)]).toEqual([label, true]);
    await screenshot(page, 'audit-03-russian');
  });
});
