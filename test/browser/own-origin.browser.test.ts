// Every request the admin makes in a real browser goes to the app's own origin: logging in, the
// dashboard, the dialogue list, a dialogue, the chat list, a chat's edit page and the Reports page.
// (AdminJS itself links Google Fonts; offline that fails, and it tells Google of every visit.) The
// Roboto font the design asks for must still load, from the app.
import type { Page, Request } from 'playwright-core';
import { logIn, type BrowserApp, useBrowserSession } from '../support/browser.js';

describe('the admin loads everything from its own origin', () => {
  const session = useBrowserSession();
  let app: BrowserApp;
  let page: Page;
  const requested: string[] = [];
  const record = (request: Request) => { requested.push(request.url()); };
  beforeAll(() => {
    ({ app, page } = session);
    page.on('request', record);
  });
  afterAll(() => page.off('request', record));

  /** Requests to another origin since request number `from`; data: and blob: URLs never leave the browser. */
  const foreign = (from: number) => requested.slice(from).filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== app.baseUrl);

  /**
   * Waits for the screen and the fonts its text uses; true when Roboto is loaded for that text and
   * for Cyrillic (the Russian interface), which is fetched here as the English screens have none.
   */
  async function robotoLoaded(ready: string): Promise<boolean> {
    await page.locator(ready).first().waitFor();
    return page.evaluate(async () => {
      await document.fonts.ready;
      const loaded = [...document.fonts].filter((face) => face.family.replace(/['"]/g, '') === 'Roboto' && face.status === 'loaded');
      const cyrillic = await document.fonts.load('16px Roboto', 'Диалоги').catch(() => []);
      return loaded.length > 0 && cyrillic.length > 0 && document.fonts.check('16px Roboto') && document.fonts.check('16px Roboto', 'Диалоги');
    });
  }

  const screens: [name: string, path: () => string, ready: string][] = [
    ['the dashboard', () => '/admin', '[data-testid="dashboard"]'],
    ['the dialogue list', () => '/admin/resources/Dialog', '[data-testid="property-list-id"]'],
    ['a dialogue', () => `/admin/resources/Dialog/records/${app.fixture.a2}/show`, '[data-testid="dialog-message"]'],
    ['the chat list', () => '/admin/resources/Chat', '[data-testid="property-list-name"]'],
    ['a chat edit page', () => `/admin/resources/Chat/records/${app.fixture.chatA.id}/edit`, '[data-testid="bot-rules-edit"]'],
    ['the Reports page', () => '/admin/pages/chatsReports', '[data-testid="reports-page"]'],
  ];

  it('logs in with Roboto loaded from the app and no request elsewhere', async () => {
    const from = requested.length;
    await page.goto(`${app.baseUrl}/admin/login`);
    const fontOnLoginPage = await robotoLoaded('input[name="email"]');
    await logIn(page, 'admin@example.com');
    expect(foreign(from)).toEqual([]);
    expect(fontOnLoginPage).toBe(true);
  });

  it.each(screens)('shows %s with Roboto loaded from the app and no request elsewhere', async (_name, path, ready) => {
    const from = requested.length;
    await page.goto(`${app.baseUrl}${path()}`);
    expect(await robotoLoaded(ready)).toBe(true);
    expect(foreign(from)).toEqual([]);
  });

  it('fetched the font files from the app', () => {
    expect(requested.filter((url) => url.endsWith('.woff2') || url.includes('.woff2?')).length).toBeGreaterThan(0);
  });
});
