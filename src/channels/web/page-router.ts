// The chat window (/widget/<public key>), the loader (/widget.js) and their static files.
// The window is an HTML shell plus same-origin scripts; its Content-Security-Policy allows no
// inline script and no other origin, and `frame-ancestors` lists the sites that may embed it.
import express, { type Router } from 'express';
import { escapeHtmlAttribute, jsonForInlineScript } from '../../domain/frame-code.js';
import { frameAncestors, type WidgetChat } from './chat-directory.js';
import { loadAssets, sendAsset, ASSET_NAMES, type Asset, type AssetName } from './assets.js';
import { WIDGET_STRINGS, type WidgetLanguage } from './strings.js';
import { widgetLanguage } from './validation.js';
import type { WidgetServices } from './api-router.js';

export type WidgetMode = 'launcher' | 'inline';

export interface ChatWindowConfig {
  publicKey: string;
  title: string;
  /** Relative to the page, so the widget works under any path prefix. */
  apiBase: string;
  /** Origins whose pages may talk to the window by postMessage (the embedding site). */
  allowedOrigins: string[];
  lang: WidgetLanguage;
  strings: (typeof WIDGET_STRINGS)[WidgetLanguage];
  /** Shown until the dialogue starts; the stored greeting replaces it. */
  greeting: string | null;
  maxMessageLength: number;
  /** 'launcher': inside the loader's pop-up (hidden until opened); 'inline': the plain iframe. */
  mode: WidgetMode;
}

export function contentSecurityPolicy(chat: WidgetChat): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors(chat)}`,
  ].join('; ');
}

export function renderChatWindow(config: ChatWindowConfig, assets: Record<AssetName, Asset>): string {
  const s = config.strings;
  const asset = (name: AssetName) => `assets/${name}?v=${assets[name].hash}`;
  const title = escapeHtmlAttribute(config.title);
  return `<!doctype html>
<html lang="${config.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="${asset('chat.css')}">
<script type="application/json" id="chats-widget-config">${jsonForInlineScript(config)}</script>
<script src="${asset('chat-client.js')}" defer></script>
<script src="${asset('chat.js')}" defer></script>
</head>
<body class="mode-${config.mode}">
<section class="chat" aria-label="${escapeHtmlAttribute(s.chatLabel)}: ${title}">
<header class="chat__header">
<h1 class="chat__title">${title}</h1>
<button type="button" class="chat__close" data-close aria-label="${escapeHtmlAttribute(s.close)}" title="${escapeHtmlAttribute(s.close)}"${config.mode === 'launcher' ? '' : ' hidden'}>&#x2715;</button>
</header>
<ol class="chat__log" data-log role="log" aria-live="polite" aria-label="${escapeHtmlAttribute(s.messages)}" tabindex="0"></ol>
<p class="chat__status" data-status role="status" aria-live="polite"></p>
<form class="chat__form" data-form>
<label class="visually-hidden" for="chat-input">${escapeHtmlAttribute(s.messageLabel)}</label>
<textarea id="chat-input" data-input rows="1" placeholder="${escapeHtmlAttribute(s.placeholder)}" maxlength="${config.maxMessageLength}" autocomplete="off"></textarea>
<button type="submit" class="chat__send" data-send>${escapeHtmlAttribute(s.send)}</button>
</form>
</section>
</body>
</html>`;
}

export function widgetPageRouter(services: WidgetServices): Router {
  const router = express.Router();
  const assets = loadAssets();

  router.get('/widget.js', (req, res) => sendAsset(req, res, assets['loader.js'], 300));
  router.get('/widget/assets/:name', (req, res) => {
    const name = req.params.name as AssetName;
    if (!ASSET_NAMES.includes(name) || name === 'loader.js') {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    sendAsset(req, res, assets[name], 300);
  });

  router.get('/widget/:publicKey', async (req, res, next) => {
    try {
      const chat = await services.chats.find(req.params.publicKey);
      if (!chat) {
        res.status(404).type('text/plain').send('Unknown chat');
        return;
      }
      const lang = widgetLanguage(req.get('accept-language'));
      const config: ChatWindowConfig = {
        publicKey: chat.publicKey,
        title: chat.name,
        apiBase: `api/${encodeURIComponent(chat.publicKey)}`,
        allowedOrigins: chat.allowedOrigins,
        lang,
        strings: WIDGET_STRINGS[lang],
        greeting: chat.greeting,
        maxMessageLength: services.maxMessageLength,
        mode: req.query.mode === 'launcher' ? 'launcher' : 'inline',
      };
      res.set({
        'Content-Security-Policy': contentSecurityPolicy(chat),
        // the policy follows the chat's settings, and the language the browser's
        'Cache-Control': 'no-store',
        Vary: 'Accept-Language',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      res.type('html').send(renderChatWindow(config, assets));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
