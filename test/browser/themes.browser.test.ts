// The plugin's screens under the light and the dark theme of @adminjs/themes (AdminJS
// `availableThemes` / `defaultTheme`): the dashboard, the dialogue list, a dialogue with the
// operator panel, the chat's bot rules being edited, and the Reports page. Screenshots of both go
// to screenshots/theme-<theme>-<nn>-<screen>.png (git-ignored). In the dark theme the key texts
// must stay readable: WCAG contrast of at least 4.5:1 against the background they are drawn on
// (3:1 for the lines that outline a panel); in the light one, AdminJS' own palette, at least 3:1.
import type { Page } from 'playwright-core';
import { dark, light } from '@adminjs/themes';
import { logIn, screenshot, type BrowserApp, useBrowserSession } from '../support/browser.js';

interface Reading { text: string; color: string; background: string; ratio: number }

/**
 * In the page: for every visible element under `selector` that shows text of its own (and every
 * form field), its text colour (`fill` for SVG text) and the colour it is drawn on: the element's
 * and its ancestors' backgrounds, blended from the first opaque one up; with `borders`, the
 * elements themselves, their top border colour instead of the text's. Colours are the computed
 * rgb()/rgba() values. Texts inside `skip` are left out.
 */
function readColors({ selector, borders, skip }: { selector: string; borders: boolean; skip: string }): Reading[] {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const match = /rgba?\(([^)]*)\)/.exec(value);
    if (!match) return null;
    const [r, g, b, a] = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a ?? 1];
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const backgroundOf = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let current: Element | null = element; current; current = current.parentElement) {
      const color = parse(getComputedStyle(current).backgroundColor);
      if (color && color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    return layers.reverse().reduce<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const css = ([r, g, b]: Rgba) => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
  const visible = (element: Element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  const ownText = (element: Element) => Array.from(element.childNodes)
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent ?? '')
    .join('')
    .trim();

  const readings: Reading[] = [];
  for (const root of Array.from(document.querySelectorAll(selector))) {
    const elements = borders ? [root] : [root, ...Array.from(root.querySelectorAll('*'))];
    for (const element of elements) {
      if (!visible(element) || (!borders && element.closest(skip))) continue;
      const style = getComputedStyle(element);
      const field = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement;
      const text = borders ? `border of ${selector}` : field ? `field ${(element as HTMLInputElement).name || element.tagName}` : ownText(element);
      if (!text) continue;
      const background = backgroundOf(borders ? element.parentElement ?? element : element);
      const raw = parse(borders ? style.borderTopColor : element instanceof SVGElement ? style.fill : style.color);
      if (!raw) continue;
      const color = over(raw, background);
      const [light, darker] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      readings.push({ text: text.slice(0, 60), color: css(color), background: css(background), ratio: Math.round(((light + 0.05) / (darker + 0.05)) * 100) / 100 });
    }
  }
  return readings;
}

/**
 * Left out everywhere: disabled controls (WCAG asks no contrast of them) and buttons, which AdminJS'
 * Button draws in the theme's primary and danger colours (the dark theme's are 3.6:1 and 2.7:1 on
 * its container, on every AdminJS page): the theme's palette, not the plugin's. In the light theme
 * also AdminJS' default Badge (white on grey40, 1.8:1, AdminJS' own light palette).
 */
const SKIPPED = { light: 'button, [disabled], .adminjs_Badge', dark: 'button, [disabled]' };

async function readings(page: Page, theme: keyof typeof SKIPPED, selector: string, borders = false): Promise<Reading[]> {
  const found = await page.evaluate(readColors, { selector, borders, skip: SKIPPED[theme] });
  expect(found.length).toBeGreaterThan(0); // the selector still finds the screen's elements
  return found;
}

/** The texts below `minimum` (expected to be none: the failures name the text and the colours). */
async function unreadable(page: Page, theme: keyof typeof SKIPPED, selector: string, minimum: number): Promise<Reading[]> {
  return (await readings(page, theme, selector)).filter((reading) => reading.ratio < minimum);
}

describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
  const session = useBrowserSession({ adminOptions: { availableThemes: [light, dark], defaultTheme: theme } });
  let app: BrowserApp;
  let page: Page;
  beforeAll(() => ({ app, page } = session));

  const shot = (step: string) => screenshot(page, `theme-${theme}-${step}`);
  const isDark = theme === 'dark';
  /**
   * Text at 4.5:1 in the dark theme. The light theme is AdminJS' own palette, whose secondary text
   * (grey60 on white) is 3.5:1: there the texts must reach 3:1, and panel outlines are not measured
   * (AdminJS' light separators are faint by design).
   */
  const expectReadable = (selector: string) => unreadable(page, theme, selector, isDark ? 4.5 : 3).then((failures) => expect(failures).toEqual([]));
  const expectOutlined = async (selector: string) => {
    const found = await readings(page, theme, selector, true);
    if (isDark) expect(found.filter((reading) => reading.ratio < 3)).toEqual([]);
  };

  it('01 shows the dashboard of February', async () => {
    await page.goto(`${app.baseUrl}/admin`);
    await logIn(page, 'admin@example.com');
    await page.locator('[data-testid="dashboard"]').waitFor();
    // the theme is the one asked for: AdminJS' page background
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(body).toBe(isDark ? 'rgb(12, 11, 16)' : 'rgba(0, 0, 0, 0)');

    await page.locator('#dashboard-from').fill('2026-02-01');
    await page.locator('#dashboard-to').fill('2026-02-28');
    await page.locator('[data-testid="dashboard-show"]').click();
    await page.locator('[data-testid="total-dialogues"]', { hasText: '6' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="dashboard"] [style*="opacity: 0.55"]'));
    await shot('01-dashboard');
    // every value and day label lies inside its chart (a long one, "1 min 30 s", once lost its start)
    const clipped = await page.$$eval('[data-testid^="chart-"] svg text', (texts) => texts
      .filter((text) => (text as SVGTextElement).getBBox().x < 0)
      .map((text) => text.textContent));
    expect(clipped).toEqual([]);

    await expectReadable('[data-testid="dashboard"] h2');
    await expectReadable('[data-testid^="total-"]');
    await expectReadable('[data-testid="chart-dialogues"]'); // title, legend, axis labels
    await expectReadable('[data-testid="chart-first-response"]');
    await expectReadable('[data-testid="top-phrases"]');

    // the tooltip of a day
    await page.locator('[data-testid="chart-messages"] svg rect[fill="transparent"]').first().hover();
    await page.locator('[data-testid="chart-tooltip"]').waitFor();
    await shot('01-dashboard-tooltip');
    await expectReadable('[data-testid="chart-tooltip"]');
  });

  it('02 shows the dialogue list', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog`);
    await page.locator('[data-testid="property-list-id"]').first().waitFor();
    await shot('02-dialogue-list');
    await expectReadable('tbody');
  });

  it('03 shows a waiting dialogue with its messages and the operator panel', async () => {
    await page.goto(`${app.baseUrl}/admin/resources/Dialog/records/${app.fixture.a2}/show`);
    await page.locator('[data-testid="dialog-message"]').nth(2).waitFor();
    await page.locator('[data-testid="operator-panel"]').waitFor();
    await shot('03-dialogue');
    await expectReadable('[data-testid="dialog-message"]');
    await expectReadable('[data-testid="operator-panel"]');
    await expectOutlined('[data-testid="operator-panel"]');
  });

  it('04 edits the bot rules of a chat', async () => {
    await app.db.prisma.chat.update({
      where: { id: app.fixture.chatA.id },
      data: { botRules: [{ pattern: 'delivery', kind: 'keyword', answer: 'We deliver every day from 9 to 21', markers: ['delivery'], transfer: false }] },
    });
    await page.goto(`${app.baseUrl}/admin/resources/Chat/records/${app.fixture.chatA.id}/edit`);
    await page.locator('[data-testid="bot-rule"]').first().waitFor();
    await shot('04-bot-rules-edit');
    await expectReadable('[data-testid="bot-rules-edit"]');
    await expectOutlined('[data-testid="bot-rule"]');
  });

  it('05 shows the Reports page', async () => {
    const base = { dialogUrlBase: `${app.baseUrl}/admin/resources/Dialog/records`, createdById: null, timeZone: 'UTC' };
    await app.db.prisma.reportJob.createMany({
      data: [
        { ...base, type: 'all_sessions', fileName: 'All chat sessions - All chats - all time.xlsx', status: 'ready', rowsWritten: 6, finishedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000), sizeBytes: 7000 },
        { ...base, type: 'popular_phrases', fileName: 'Popular phrases - Book store - all time.xlsx', status: 'generating', workerId: 'elsewhere', heartbeatAt: new Date(), rowsWritten: 1200, rowsTotal: 5000 },
        { ...base, type: 'productivity', fileName: 'Productivity - All chats - all time.xlsx', status: 'error', error: 'The report could not be generated', finishedAt: new Date() },
      ],
    });
    await page.goto(`${app.baseUrl}/admin/pages/chatsReports`);
    await page.locator('[data-testid="report-row"]').nth(2).waitFor();
    await shot('05-reports');
    await expectReadable('[data-testid="reports-table"]');
  });
});
