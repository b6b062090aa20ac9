// The admin's pages link Roboto from the app's own origin, never from fonts.googleapis.com (offline
// it would fail, and every admin visit would be reported to Google); the stylesheet and the font
// files are served under the admin root path, cacheable for a long time.
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createUser, loginAs, startTestApp } from '../support/http.js';
import type { BuiltApp } from '../../src/app/build-app.js';

const STYLESHEET_LINK = /<link rel="stylesheet" href="(\/admin\/chats-assets\/fonts\/[^"]+\.css[^"]*)"/;
const LONG_CACHE = /max-age=(\d+)/;

/** The font stylesheet the page links; fails when the page links none from the app. */
function fontStylesheetOf(html: string): string {
  const [, href] = STYLESHEET_LINK.exec(html) ?? [];
  expect(href).toBeDefined();
  return href.replace(/&amp;/g, '&');
}

const cachedForAtLeastAMonth = (cacheControl: string | undefined) => Number(LONG_CACHE.exec(cacheControl ?? '')?.[1] ?? 0) >= 30 * 24 * 3600;

describe('self-hosted admin fonts', () => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    built = await startTestApp(db);
    await createUser(db, 'admin');
  });
  afterAll(() => db.drop());

  it('serves a login page that links its own font stylesheet instead of Google Fonts', async () => {
    const login = await request(built.app).get('/admin/login');
    expect(login.status).toBe(200);
    expect(login.headers['content-type']).toMatch(/^text\/html/);
    expect(login.text).not.toContain('fonts.googleapis');
    expect(login.text).not.toContain('fonts.gstatic');
    fontStylesheetOf(login.text);
    // the rewritten page still validates with its ETag
    const again = await request(built.app).get('/admin/login').set('If-None-Match', login.headers.etag);
    expect(again.status).toBe(304);
  });

  it('serves the admin pages after login without Google Fonts too', async () => {
    const agent = await loginAs(built.app, 'admin@example.com');
    for (const path of ['/admin', '/admin/resources/Dialog', '/admin/pages/chatsReports']) {
      const page = await agent.get(path);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('fonts.googleapis');
      fontStylesheetOf(page.text);
    }
    // API answers are left alone
    const api = await agent.get('/admin/api/resources/Chat/actions/list');
    expect(api.headers['content-type']).toMatch(/^application\/json/);
  });

  it('serves Roboto 300, 400, 500 and 700 for Latin and Cyrillic with long-lived caching, without login', async () => {
    const href = fontStylesheetOf((await request(built.app).get('/admin/login')).text);
    const css = await request(built.app).get(href);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(cachedForAtLeastAMonth(css.headers['cache-control'])).toBe(true);
    const faces = css.text.match(/@font-face\s*\{[^}]*\}/g) ?? [];
    const weightsWith = (range: string) => faces.filter((face) => face.includes(range)).map((face) => /font-weight:\s*(\d+)/.exec(face)?.[1]).sort();
    expect(weightsWith('U+0000-00FF')).toEqual(['300', '400', '500', '700']); // Latin
    expect(weightsWith('U+0400-045F')).toEqual(['300', '400', '500', '700']); // Cyrillic
    expect(faces.every((face) => /font-family:\s*'Roboto'/.test(face))).toBe(true);
    expect(css.text).not.toMatch(/url\((https?:)?\/\//); // no font from another origin

    const woff2 = /url\(([^)]+\.woff2[^)]*)\)/.exec(faces.find((face) => face.includes('U+0400-045F')) ?? '')?.[1];
    expect(woff2).toBeDefined();
    const fontUrl = new URL(woff2 as string, `http://chats.test${href}`); // relative to the stylesheet
    const font = await request(built.app).get(fontUrl.pathname + fontUrl.search);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(cachedForAtLeastAMonth(font.headers['cache-control'])).toBe(true);
    expect((font.body as Buffer).subarray(0, 4).toString('latin1')).toBe('wOF2'); // a real WOFF2 file
    const revalidated = await request(built.app).get(fontUrl.pathname + fontUrl.search).set('If-None-Match', font.headers.etag);
    expect(revalidated.status).toBe(304);
  });

  it('answers 404 for a font file it does not have', async () => {
    expect((await request(built.app).get('/admin/chats-assets/fonts/../../package.json')).status).not.toBe(200);
    expect((await request(built.app).get('/admin/chats-assets/fonts/roboto-greek-400-normal.woff2')).status).toBe(404);
  });
});
