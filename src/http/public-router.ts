// Routes reachable without login: the chat widget (/widget.js, /widget/<public key> and its API
// under /widget/api/<public key>/…) and the Messenger webhook (/webhooks/facebook/<public key>).
// The URL scheme is fixed: the frame code and the Connect Facebook screen print it.
import express, { type Router } from 'express';
import type { ChatsAdminContext } from '../context.js';
import { widgetApiRouter, widgetServices, type WidgetOptions } from '../channels/web/api-router.js';
import { widgetPageRouter } from '../channels/web/page-router.js';
import { facebookWebhookRouter } from '../channels/facebook/webhook-router.js';
import { publicSecurityHeaders } from './security-headers.js';
import { PUBLIC_PATHS, publicErrorHandler } from './public-errors.js';

export interface PublicRouteOptions {
  /** Message size limit, rate limits, heartbeat interval of the widget (defaults suit production). */
  widget?: WidgetOptions;
}

export function publicRouter(ctx: ChatsAdminContext, options: PublicRouteOptions = {}): Router {
  const router = express.Router();
  const widget = widgetServices(ctx, options.widget ?? {});
  router.use(widgetApiRouter(widget, options.widget));
  router.use(widgetPageRouter(widget));
  return router;
}

/**
 * Routes that work without login: the Facebook webhook and the chat widget. Mount it before any
 * body parser of the host: the webhook's signature is checked over the raw request body.
 */
export function chatsPublicRouter(ctx: ChatsAdminContext, options: PublicRouteOptions = {}): Router {
  return express.Router()
    // only on the plugin's own paths: the router is mounted at the host's root
    .use(PUBLIC_PATHS, publicSecurityHeaders)
    .use(facebookWebhookRouter(ctx), publicRouter(ctx, options))
    .use(PUBLIC_PATHS, publicErrorHandler(ctx.logger));
}
