// Acme Support: an ordinary AdminJS application (its own users, login, branding and a page of its
// own) with the adminjs-chats plugin. `npm run setup` once (copies the chats' models into
// prisma/schema, generates the Prisma client), then `npm start`.
// The part between the readme markers is in README.md ("Use in your AdminJS app"), verbatim.
// readme:begin
import path from 'node:path';
import express from 'express';
import AdminJS, { ComponentLoader } from 'adminjs';
import AdminJSExpress from '@adminjs/express';
import { createChatsAdmin, migrate } from 'adminjs-chats';
import { openDatabase } from './database.js';
import { createHostTables, ensureManager, makeAuthenticate, teamPage } from './users.js';

if (process.env.NODE_ENV === 'production' && !process.env.SECRET) throw new Error('Set SECRET (at least 16 characters)');
const secret = process.env.SECRET ?? 'acme-support-development-secret'; // signs cookies, encrypts Facebook tokens
const dataDir = process.env.DATA_DIR ?? 'data';
const { prisma, sql, close } = await openDatabase({ dataDir }); // DATABASE_URL: PostgreSQL, else PGlite in ./data
const authenticate = makeAuthenticate(prisma); // (email, password) → { id, email, name, role } of our users table

const chats = createChatsAdmin({
  prisma, // one Prisma client with your models and the chats' (chats.prisma)
  sql, // plain SQL on the same database: sqlRunnerForPool(pool) or sqlRunnerForPGlite(pglite)
  secret,
  logger: console, // or a pino logger; silent by default
  dashboard: true, // the chats dashboard is the admin's landing page
  reports: { dir: path.join(dataDir, 'reports') },
  users: {
    // your signed-in user (what `authenticate` returned) as the chats see them
    fromCurrentAdmin: (user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role === 'manager' ? 'admin' : user.role === 'agent' ? 'operator' : 'viewer',
    }),
  },
});

const componentLoader = new ComponentLoader();
const admin = new AdminJS(chats.adminOptions({
  rootPath: '/admin',
  componentLoader,
  branding: { companyName: 'Acme Support', withMadeWithLove: false },
  pages: { team: { ...teamPage(prisma), component: componentLoader.add('Team', path.join(import.meta.dirname, 'components/team.jsx')) } },
}));
// development: bundle your components and the chats' now and on change (production: once, at start)
if (process.env.NODE_ENV !== 'production') admin.watch();

const router = AdminJSExpress.buildAuthenticatedRouter(
  admin,
  { authenticate, cookieName: 'acme_admin', cookiePassword: secret },
  null,
  // express-session's memory store: fine for trying it out; use a persistent store in production
  { secret, resave: false, saveUninitialized: false, cookie: { httpOnly: true, sameSite: 'lax' } },
);

const app = express();
app.use(chats.publicRouter()); // the chat widget and the Facebook webhook: before any body parser
app.use(admin.options.rootPath, chats.adminRouter(admin, router));

await migrate(sql); // the chats' tables: their migrations, applied once each
await chats.start(); // report worker, Facebook sender, inactivity closer, retention
// readme:end

await createHostTables(sql);
await ensureManager(prisma);
app.get('/', (_req, res) => res.redirect(admin.options.rootPath));

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`Acme Support is on http://localhost:${server.address().port}${admin.options.rootPath}`);
});

async function shutdown() {
  server.close();
  server.closeAllConnections(); // open event streams of the widget and the dialogue pages
  await chats.stop();
  await close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
