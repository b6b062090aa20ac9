// Export and the Reports page in a real browser: log in, filter the dialogue list, export "All
// chat sessions", get the file (it downloads at once: the fixture is small), and check that its rows
// are the listed dialogues; then the Reports page with every job status, Download and Delete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import {
  ensureComponentBundle, launchBrowser, listedIds, logIn, newContext, screenshot, startBrowserApp, type BrowserApp,
} from '../support/browser.js';

async function sessionIdsIn(download: Download): Promise<string[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-download-')), download.suggestedFilename());
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  expect(sheet.getRow(1).getCell(1).value).toBe('Session id');
  const ids: string[] = [];
  sheet.eachRow((row, number) => { if (number > 1) ids.push(String(row.getCell(1).value)); });
  return ids;
}

describe('reports in the browser', () => {
  let app: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureComponentBundle(); // the app serves .adminjs/bundle.js; skips itself when fresh
    browser = await launchBrowser(); // fails with "apt-get install chromium" when it is missing
    app = await startBrowserApp();
    // only the report worker: chats.start() also runs the inactivity closer, which would close the
    // fixture's old open dialogues and change what the filters select
    await app.built.chats.context.reports.worker.start();
    context = await newContext(browser, app.baseUrl);
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.built.chats.context.reports.worker.stop();
    await app?.close();
  });

  it('exports the filtered dialogue list and downloads the workbook at once', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog?filters.status=closed`);
    await logIn(page, 'admin@example.com'); // back to the filtered list after login
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    const listed = await listedIds(page);
    expect(listed.sort()).toEqual([app.fixture.a3, app.fixture.a4].sort());

    await page.locator('[data-testid="action-chatsExport"]').first().click();
    const form = page.locator('[data-testid="export-report"]');
    await form.locator('[data-testid="export-filter-status"]').waitFor();
    expect(await form.locator('[data-testid="export-filter-status"]').innerText()).toContain('Closed');
    expect(new URL(page.url()).searchParams.get('filters.status')).toBe('closed');
    await screenshot(page, 'reports-export-form');

    await form.locator('#export-type').click();
    await page.getByRole('option', { name: 'All chat sessions', exact: true }).click();
    await form.locator('label[for="export-with-time"]').click();
    expect(await form.locator('#export-time-zone').inputValue()).not.toBe(''); // the browser's zone by default
    await form.locator('#export-time-zone').fill('Europe/Berlin');
    await screenshot(page, 'reports-export-filled');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), form.locator('[data-testid="export-submit"]').click()]);
    expect(download.suggestedFilename()).toBe('All chat sessions - All chats - all time.xlsx');
    expect((await sessionIdsIn(download)).sort()).toEqual(listed.sort());
    await form.locator('[data-testid="export-result"][data-stage="downloading"]').waitFor();
    await screenshot(page, 'reports-export-done');
  });

  it('leaves a slow report to the Reports page, which follows it until it is ready', async () => {
    await app.built.chats.context.reports.worker.stop(); // no worker: the report stays queued past the form's wait
    await page.goto(`${app.baseUrl}/admin/resources/Dialog?filters.chat=${app.fixture.chatB.id}`);
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    await screenshot(page, 'reports-dialog-list');
    await page.locator('[data-testid="action-chatsExport"]').first().click();
    const form = page.locator('[data-testid="export-report"]');
    expect(await form.locator('[data-testid="export-filter-chat"]').innerText()).toContain('Book store');
    await form.locator('#export-type').click();
    await page.getByRole('option', { name: 'Sources', exact: true }).click();
    await form.locator('[data-testid="export-submit"]').click();
    await form.locator('[data-testid="export-pending"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'reports-export-pending');

    await form.locator('[data-testid="open-reports"]').click();
    const row = page.locator('[data-testid="report-row"]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('queued');
    expect(await row.innerText()).toContain('Sources - Book store - all time.xlsx');
    await app.built.chats.context.reports.worker.start();
    await page.locator('[data-testid="report-row"][data-status="ready"]').nth(1).waitFor({ timeout: 15_000 }); // polled, no reload
  });

  it('lists every report with its status on the Reports page, with Download and Delete', async () => {
    const { prisma } = app.db;
    const base = { dialogUrlBase: `${app.baseUrl}/admin/resources/Dialog/records`, createdById: null, timeZone: 'Europe/Berlin' };
    // a job another instance is generating, and one that failed: their statuses as users see them
    await prisma.reportJob.create({
      data: { ...base, type: 'popular_phrases', fileName: 'Popular phrases - Book store - all time.xlsx', status: 'generating', workerId: 'elsewhere', heartbeatAt: new Date(), rowsWritten: 1200, rowsTotal: 5000 },
    });
    const failed = await prisma.reportJob.create({
      data: { ...base, type: 'productivity', fileName: 'Productivity - All chats - all time.xlsx', status: 'error', error: 'The report could not be generated: canceling statement due to statement timeout', finishedAt: new Date() },
    });

    await page.reload();
    const table = page.locator('[data-testid="reports-table"]');
    await table.waitFor();
    const rows = table.locator('[data-testid="report-row"]');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(0).getAttribute('data-status')).toBe('error'); // newest first
    expect(await rows.nth(1).getAttribute('data-status')).toBe('generating');
    expect(await rows.nth(1).locator('[role="progressbar"]').count()).toBe(1);
    expect(await rows.nth(1).innerText()).toContain('1,200 of 5,000 rows');
    expect(await rows.nth(0).locator('[data-testid="report-error"]').innerText()).toContain('statement timeout');
    const ready = table.locator('[data-testid="report-row"][data-status="ready"]').last();
    expect(await ready.innerText()).toContain('All chat sessions');
    await screenshot(page, 'reports-page');

    const [again] = await Promise.all([page.waitForEvent('download'), ready.locator('[data-testid="report-download"]').click()]);
    expect(again.suggestedFilename()).toBe('All chat sessions - All chats - all time.xlsx');
    expect((await sessionIdsIn(again)).sort()).toEqual([app.fixture.a3, app.fixture.a4].sort());

    await table.locator(`[data-testid="report-row"][data-id="${failed.id}"] [data-testid="report-delete"]`).click();
    await page.locator('[data-testid="confirm-delete-modal"]').waitFor();
    await screenshot(page, 'reports-delete-confirm');
    await page.locator('[data-testid="confirm-delete"]').click();
    await table.locator(`[data-testid="report-row"][data-id="${failed.id}"]`).waitFor({ state: 'detached' });
    expect(await prisma.reportJob.findUnique({ where: { id: failed.id } })).toBeNull();
  });

  it('shows the Reports page in Russian', async () => {
    await page.evaluate(() => localStorage.setItem('i18nextLng', 'ru'));
    await page.reload();
    await page.locator('[data-testid="reports-table"]').waitFor();
    expect(await page.locator('[data-testid="reports-page"] h2').innerText()).toBe('Отчёты');
    expect(await page.locator('[data-testid="reports-table"]').innerText()).toContain('Все сеансы чата');
    await screenshot(page, 'reports-page-ru');
    await page.evaluate(() => localStorage.setItem('i18nextLng', 'en'));
  });
});
