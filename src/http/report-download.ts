// GET <rootPath>/chats-reports/:id/download — the report file. Mounted on the admin root path
// after the AdminJS router: that router's session middleware has set req.session by then, and its
// login guard has already redirected a logged-out browser to the login page (so the user comes
// back here after logging in, see return-after-login.ts). The guard is repeated here so the route
// stays safe if a host mounts it elsewhere.
import { Router } from 'express';
import { sessionAdmin } from './session-user.js';
import type { ChatsAdminContext } from '../context.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


export function reportDownloadRouter(ctx: ChatsAdminContext, loginPath = `${ctx.rootPath.replace(/\/$/, '')}/login`): Router {
  const router = Router();
  router.get('/chats-reports/:id/download', async (req, res, next) => {
    try {
      const user = await ctx.users.actor(sessionAdmin(req), { create: false });
      if (!user) return res.redirect(loginPath);
      const file = await ctx.reports.service.download(user, req.params.id);
      // res.attachment writes Content-Disposition with an ASCII fallback plus an RFC 5987
      // filename* in UTF-8, so Cyrillic chat names survive; the file streams from its store
      res.attachment(file.fileName).set({ 'Content-Type': XLSX_TYPE, 'Cache-Control': 'private, no-store' });
      if (file.bytes !== null) res.set('Content-Length', String(file.bytes));
      file.stream.once('error', (error) => {
        ctx.logger.warn({ err: error, jobId: req.params.id }, 'report download broke off');
        // deleted or expired meanwhile, or the database went away: 409, not 500; mid-way: cut
        if (!res.headersSent) res.status(409).removeHeader('Content-Disposition');
        if (!res.headersSent) res.type('text/plain').send('This report is not available any more; regenerate it');
        else res.destroy();
      });
      res.once('close', () => file.stream.destroy());
      file.stream.pipe(res);
    } catch (error) {
      // refusals (not found, not ready, expired) are answered by adminErrorHandler with their status
      return next(error);
    }
  });
  return router;
}
