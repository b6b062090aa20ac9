// The list header's total in a real browser: above the exact-count limit the Dialog list says
// "10,000+" (the server only knows "more than 10,000"), a small list its exact number, and the
// pagination offers the next page.
import type { Page } from 'playwright-core';
import { logIn, type BrowserApp, useBrowserSession } from '../support/browser.js';

describe('list totals in Chromium', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let page: Page;
  beforeAll(async () => {
    ({ app, page } = session);
    // 10,050 more dialogues of chat A (the fixture has six)
    await app.db.sql.exec(`
      INSERT INTO clients (chat_id, channel, external_id) VALUES (${app.fixture.chatA.id}, 'web', 'many');
      INSERT INTO dialogs (id, chat_id, client_id, channel, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ${app.fixture.chatA.id},
             (SELECT id FROM clients WHERE external_id = 'many'), 'web', TIMESTAMPTZ '2025-01-01Z' + i * interval '1 minute'
      FROM generate_series(1, 10050) i;`);
  });

  it('says "10,000+" on the big Dialog list and offers the next pages', async () => {
    await page.goto(`${app.baseUrl}/admin/login`);
    await logIn(page, 'admin@example.com');
    await page.goto(`${app.baseUrl}/admin/resources/Dialog`);
    await page.getByText('10,000+', { exact: true }).first().waitFor();
    expect(await page.getByText('10056', { exact: true }).count()).toBe(0);
    expect(await page.getByText('10001', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '2', exact: true }).count()).toBeGreaterThan(0);
  });

  it('shows the exact total of a small list', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog?filters.chat=${app.fixture.chatB.id}`);
    await page.locator('tbody tr').nth(1).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.getByText('10,000+', { exact: true }).count()).toBe(0);
    expect(await page.getByText('2', { exact: true }).count()).toBeGreaterThan(0);
  });
});
