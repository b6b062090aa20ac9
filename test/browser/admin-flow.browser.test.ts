// The foundation in a real browser: log in, the chats list, Frame code and its Copy button, View
// dialogs, the status filter "No operator response" through the filter drawer, a dialogue, Copy
// link, and the copied link opened in a fresh browser context (login first, then the dialogue).
// Screenshots of every screen go to screenshots/foundation-<nn>-<step>.png (git-ignored).
import type { Browser, Page } from 'playwright-core';
import {
  closeFilterDrawer, eventually, listedIds, logIn, newContext, readClipboard, screenshot, type BrowserApp, useBrowserSession,
} from '../support/browser.js';

describe('admin foundation in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let browser: Browser;
  let page: Page;
  let copiedLink = '';
  beforeAll(() => ({ app, browser, page } = session));

  const shot = (step: string) => screenshot(page, `foundation-${step}`);
  const rowOf = (text: string) => page.locator('tbody tr').filter({ hasText: text });

  it('01 logs in', async () => {
    await page.goto(`${app.baseUrl}/admin`);
    await page.waitForURL(/\/admin\/login$/);
    await expectVisible(page.locator('input[name="email"]'));
    await expectVisible(page.locator('input[name="password"]'));
    await shot('01-login');
    await logIn(page, 'admin@example.com');
    await expectVisible(page.getByText('admin@example.com').first());
  });

  it('02 shows the chats list', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Chat`);
    const names = page.locator('[data-testid="property-list-name"]');
    await names.first().waitFor();
    expect((await names.allInnerTexts()).map((text) => text.trim()).sort()).toEqual(['Book store', 'Flower shop']);
    await expectVisible(page.getByRole('heading', { name: /Online chats/ }));
    // prices with the chat's currency (one "Prices" column instead of price and currency columns)
    expect((await rowOf('Flower shop').locator('[data-testid="chat-price-web"]').innerText()).trim()).toBe('0.05 USD');
    expect((await rowOf('Book store').locator('[data-testid="chat-price-web"]').innerText()).trim()).toBe('0.20 EUR');
    await shot('02-chats-list');
  });

  it('03 opens Frame code and copies the iframe snippet', async () => {
    await rowOf('Flower shop').locator('[data-testid="actions-dropdown"]').click();
    await page.locator('[data-testid="action-chatsFrameCode"]').filter({ visible: true }).first().click();
    const modal = page.locator('[data-testid="frame-code"]');
    const iframeCode = modal.locator('[data-testid="frame-code-iframe"]');
    await iframeCode.waitFor();
    await expectVisible(page.getByText('Frame code: Flower shop'));
    expect(await iframeCode.inputValue()).toContain('/widget/pk-flower-shop');
    await modal.getByRole('button', { name: 'Copy' }).first().click();
    await expectVisible(modal.getByRole('button', { name: 'Copied' }));
    const copied = await readClipboard(page);
    expect(copied).toBe(await iframeCode.inputValue());
    expect(copied).toContain('<iframe');
    expect(copied).toContain(`${app.baseUrl}/widget/${app.fixture.chatA.publicKey}`);
    await shot('03-frame-code-copied');
  });

  it('04 opens View dialogs of a chat: its four dialogues', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Chat`);
    await rowOf('Flower shop').locator('[data-testid="actions-dropdown"]').click();
    await page.locator('[data-testid="action-chatsViewDialogs"]').filter({ visible: true }).first().click();
    await page.waitForURL((url) => url.pathname.endsWith('/resources/Dialog') && url.searchParams.get('filters.chat') === String(app.fixture.chatA.id));
    await eventually(() => listedIds(page), [app.fixture.a4, app.fixture.a3, app.fixture.a2, app.fixture.a1]);
    await expectVisible(page.getByRole('heading', { name: /Dialogs/ }));
    expect(await listTotal(page)).toBe('4');
    expect(new Set(await page.locator('[data-testid="property-list-chat"]').allInnerTexts())).toEqual(new Set(['Flower shop']));
    await shot('04-view-dialogs');
  });

  it('05-06 filters "No operator response" with the filter drawer', async () => {
    await page.locator('[data-css="Dialog-filter-button"]').click();
    const drawer = page.locator('[data-css="Dialog-filter-drawer"]');
    const status = drawer.locator('[data-testid="property-filter-status"]');
    await expectVisible(status);
    await status.locator('.adminjs_Select').click();
    const options = page.locator('[id*="-option-"]');
    expect(await options.allInnerTexts()).toEqual(['Active and closed dialogs', 'Active', 'Closed', 'No operator response']);
    await options.filter({ hasText: 'No operator response' }).click();
    await expectVisible(status.getByText('No operator response', { exact: true }));
    // the chat chosen by View dialogs stays in the filter
    await expectVisible(drawer.locator('[data-testid="property-filter-chat"]').getByText('Flower shop'));
    await shot('05-filter-drawer');

    await drawer.getByRole('button', { name: 'Apply changes' }).click();
    await page.waitForURL((url) => url.searchParams.get('filters.status') === 'no_operator_response');
    await eventually(() => listedIds(page), [app.fixture.a4, app.fixture.a2]);
    expect(await page.locator('[data-testid="no-operator-response"]').count()).toBe(2);
    expect(await listTotal(page)).toBe('2');
    // the drawer stays open after Apply: close it to see the list and its filter button
    await closeFilterDrawer(page, 'Dialog');
    await expectVisible(page.locator('[data-css="Dialog-filter-button"]').getByText('Filter (2)'));
    await shot('06-filtered-no-operator-response');
  });

  it('07 opens a dialogue: session id, status and the messages', async () => {
    await rowOf(app.fixture.a2).locator('[data-testid="property-list-id"]').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/resources/Dialog/records/${app.fixture.a2}/show`));
    const show = page.locator('[data-testid="dialog-show"]');
    await expectVisible(show.getByText(app.fixture.a2));
    await expectVisible(show.getByText('No operator response'));
    await expectVisible(show.getByText('Flower shop'));
    await eventually(() => page.locator('[data-testid="dialog-message"]').count(), 3);
    await expectVisible(show.getByText('I need a bouquet for a wedding'));
    await shot('07-dialog');
  });

  it('08 copies the absolute link of the dialogue', async () => {
    await page.locator('[data-testid="copy-link"]').click();
    await expectVisible(page.getByText('Link copied'));
    copiedLink = await readClipboard(page);
    expect(copiedLink).toBe(`${app.baseUrl}/admin/resources/Dialog/records/${app.fixture.a2}/show`);
    await shot('08-link-copied');
  });

  it('09 opens the copied link in a fresh context: login, then the same dialogue', async () => {
    expect(copiedLink).not.toBe('');
    const fresh = await newContext(browser, app.baseUrl);
    try {
      const other = await fresh.newPage();
      await other.goto(copiedLink);
      await other.waitForURL(/\/admin\/login$/);
      await expectVisible(other.locator('input[name="email"]'));
      await screenshot(other, 'foundation-09-link-asks-login');
      await logIn(other, 'operator@example.com');
      await other.waitForURL(copiedLink);
      const show = other.locator('[data-testid="dialog-show"]');
      await expectVisible(show.getByText(app.fixture.a2));
      await expectVisible(show.getByText('I need a bouquet for a wedding'));
      await screenshot(other, 'foundation-10-link-after-login');
    } finally {
      await fresh.close();
    }
  });
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/** The number in the badge next to the list's title (all matching records, not just this page). */
async function listTotal(page: Page): Promise<string> {
  return (await page.locator('h2 .adminjs_Badge').first().innerText()).trim();
}
