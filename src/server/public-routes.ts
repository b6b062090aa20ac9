// Routes reachable without login. The widget itself comes with the channels work; its URL scheme
// (/widget/<public key>, /widget.js) is fixed now because the frame code prints it.
import express, { type Router } from 'express';
import type { ChatsAdminContext } from '../admin/context.js';

export function publicRouter(ctx: ChatsAdminContext): Router {
  const router = express.Router();
  router.get('/widget/:publicKey', async (req, res) => {
    const chat = await ctx.prisma.chat.findUnique({ where: { publicKey: req.params.publicKey } });
    if (!chat) {
      res.status(404).type('text/plain').send('Unknown chat');
      return;
    }
    res.type('html').send('<!doctype html><meta charset="utf-8"><title>Chat</title><p>This chat widget is coming soon.</p>');
  });
  router.get('/widget.js', (_req, res) => {
    res.type('application/javascript').send('/* chat widget loader: coming with the channels release */');
  });
  return router;
}
