// Roboto from the app's own origin. AdminJS 7's page templates (login and every admin page) link
// https://fonts.googleapis.com/css?family=Roboto:300,400,500,700: offline the admin loses its font,
// and every admin visit is reported to Google. This middleware, mounted on the admin root path in
// front of the AdminJS router, serves Roboto from the @fontsource/roboto package under
// <rootPath>/chats-assets/fonts/ and swaps the Google link in the HTML that AdminJS sends.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RequestHandler, Response } from 'express';

/** Where the stylesheet and the font files are served, under the admin root path. */
export const FONTS_PATH = '/chats-assets/fonts';
const STYLESHEET = 'roboto.css';
// What the Google link asked for; Latin and Cyrillic (the UI is English and Russian), with their
// -ext ranges. Browsers only download a range when the page shows one of its characters.
const WEIGHTS = [300, 400, 500, 700] as const;
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
const YEAR_SECONDS = 365 * 24 * 3600;

/** AdminJS' own link tag, as its templates write it (any parameters, either quote). */
const GOOGLE_FONTS_LINK = /<link\b[^>]*\bhref=["']https:\/\/fonts\.googleapis\.com\/[^"']*["'][^>]*>/gi;

interface FontFiles {
  stylesheet: Buffer;
  files: Map<string, Buffer>;
  /** Content hash of the stylesheet and every file: the URLs carry it so caches can keep them. */
  version: string;
}

function loadFontFiles(): FontFiles {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/package.json'));
  const files = new Map<string, Buffer>();
  const faces: string[] = [];
  for (const weight of WEIGHTS) {
    const css = fs.readFileSync(path.join(packageDir, `${weight}.css`), 'utf8');
    // Each face is preceded by a comment naming it: /* roboto-<subset>-<weight>-normal */
    for (const [, subset, face] of css.matchAll(/\/\* roboto-([a-z-]+)-\d+-normal \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
      if (!(SUBSETS as readonly string[]).includes(subset)) continue;
      faces.push(face.replace(/url\(\.\/files\/([\w.-]+)\)/g, (_match, file: string) => {
        files.set(file, fs.readFileSync(path.join(packageDir, 'files', file)));
        return `url(${file})`; // relative to the stylesheet's URL; the version is added below
      }));
    }
  }
  if (faces.length !== WEIGHTS.length * SUBSETS.length) {
    throw new Error(`@fontsource/roboto: expected ${WEIGHTS.length * SUBSETS.length} font faces, found ${faces.length}`);
  }
  const hash = createHash('sha256').update(faces.join('\n'));
  for (const [name, body] of files) hash.update(name).update(body);
  const version = hash.digest('hex').slice(0, 16);
  const stylesheet = `/* Roboto by Google (SIL Open Font License 1.1), from @fontsource/roboto */\n${faces.join('\n')}\n`
    .replace(/url\(([\w.-]+)\)/g, `url($1?v=${version})`);
  return { stylesheet: Buffer.from(stylesheet), files, version };
}

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff' };

function sendFile(res: Response, name: string, body: Buffer, versioned: boolean, version: string): void {
  res.set({
    'Content-Type': TYPES[path.extname(name)],
    // the same bytes for a version: a strong validator; express answers 304 when it matches
    ETag: `"${version}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
    // an unversioned or outdated URL (a page cached before an upgrade) still works, briefly cached
    'Cache-Control': versioned ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  });
  res.send(body);
}

/** Express middleware: serves the fonts, and links them instead of Google Fonts in admin pages. */
export function selfHostedFonts(options: { rootPath: string }): RequestHandler {
  const fonts = loadFontFiles();
  const root = options.rootPath.replace(/\/$/, '');
  const stylesheetHref = `${root}${FONTS_PATH}/${STYLESHEET}?v=${fonts.version}`;
  const ownLink = `<link rel="stylesheet" href="${stylesheetHref}" type="text/css">`;

  return (req, res, next) => {
    if (req.path.startsWith(`${FONTS_PATH}/`)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const name = req.path.slice(FONTS_PATH.length + 1);
      const body = name === STYLESHEET ? fonts.stylesheet : fonts.files.get(name);
      if (!body) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      sendFile(res, name, body, req.query.v === fonts.version, fonts.version);
      return;
    }
    // AdminJS sends its pages as one string through res.send; rewriting there, before express
    // computes Content-Length and the ETag, keeps both true (and any compression further down the
    // line sees the rewritten page). Only HTML: JSON, files and streams pass untouched.
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      const type = res.get('Content-Type');
      // express itself sends a string without a Content-Type as text/html
      const isHtml = typeof body === 'string' && (type === undefined || /^text\/html\b/i.test(type));
      if (isHtml) return send(body.replace(GOOGLE_FONTS_LINK, ownLink) as never);
      return send(body as never);
    }) as typeof res.send;
    next();
  };
}
