// "Erase client" in a real browser: from a dialogue, the confirmation lists what will go (with
// counts) and what stays; erasing lands on the client's page; the dialogue then says its content
// was removed, and the Reports page says why a report file is gone.
import { eventually, logIn, screenshot, useBrowserSession } from '../support/browser.js';

describe('erasing a client in the browser', () => {
  const session = useBrowserSession();

  it('confirms with the counts, erases, and shows the removal on the dialogue and the Reports page', async () => {
    const { app, page } = session;
    const { prisma } = app.db;
    const dialog = await prisma.dialog.findUniqueOrThrow({ where: { id: app.fixture.a3 }, select: { clientId: true } });
    const messages = await prisma.message.count({ where: { dialog: { clientId: dialog.clientId } } });
    const job = await prisma.reportJob.create({
      data: { type: 'all_sessions', fileName: 'All chat sessions.xlsx', dialogUrlBase: app.baseUrl, status: 'ready', rowsWritten: 6, rowsTotal: 6, finishedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) },
    });

    await page.goto(`${app.baseUrl}/admin/resources/Dialog/records/${app.fixture.a3}/chatsEraseClient`);
    await logIn(page, 'admin@example.com');
    const confirmation = page.locator('[data-testid="erase-client"]');
    await confirmation.waitFor();
    const goes = await confirmation.locator('[data-testid="erase-client-goes"]').innerText();
    expect(goes).toContain(`message texts (client, bot and operator): ${messages}`);
    expect(goes).toContain('report files that can hold this client\'s data, deleted: 1');
    expect(await confirmation.innerText()).toContain('What stays: the dialogues and messages as billing facts');
    await screenshot(page, 'erase-client-confirmation');

    await page.locator('[data-testid="erase-client-confirm"]').click();
    await page.waitForURL((url) => url.pathname === `/admin/resources/Client/records/${dialog.clientId}/show`);
    await eventually(async () => (await prisma.client.findUniqueOrThrow({ where: { id: dialog.clientId } })).externalId.startsWith('removed:'), true);

    await page.goto(`${app.baseUrl}/admin/resources/Dialog/records/${app.fixture.a3}/show`);
    const removed = page.locator('[data-testid="content-removed"]');
    await removed.waitFor();
    expect(await removed.innerText()).toMatch(/Content removed on .+ \(erasure on request\)/);

    await page.goto(`${app.baseUrl}/admin/pages/chatsReports`);
    const row = page.locator(`[data-testid="report-row"][data-id="${job.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('expired');
    expect(await row.locator('[data-testid="report-removed"]').innerText()).toMatch(/^Removed on .+: a client whose data it held was erased$/);
    await screenshot(page, 'erase-client-reports');
  }, 60_000);
});
