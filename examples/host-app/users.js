// Acme Support's own users: the `users` table (model User), passwords hashed with scrypt, the
// login AdminJS calls, and a first manager for an empty database.
import fs from 'node:fs';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);
const KEY_LENGTH = 64;

export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password, stored) {
  const [scheme, salt, hash] = String(stored).split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(key, expected);
}

/** The app's own tables (prisma/host-tables.sql); the chats' come from their migrations. */
export async function createHostTables(sql) {
  await sql.exec(fs.readFileSync(new URL('./prisma/host-tables.sql', import.meta.url), 'utf8'));
}

/** AdminJS' `authenticate`: what it returns is `currentAdmin` (kept in the session). */
export function makeAuthenticate(prisma) {
  return async (email, password) => {
    const user = await prisma.user.findUnique({ where: { email: String(email).trim().toLowerCase() } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  };
}

/** A manager for an empty database; prints the login once. */
export async function ensureManager(prisma, { email = process.env.MANAGER_EMAIL ?? 'manager@acme.example', password = process.env.MANAGER_PASSWORD } = {}) {
  if ((await prisma.user.count()) > 0) return;
  const chosen = password ?? randomBytes(9).toString('base64url');
  await prisma.user.create({ data: { email, name: 'Acme manager', role: 'manager', passwordHash: await hashPassword(chosen) } });
  console.log(`Created the first manager. Log in as ${email} with password ${chosen}`);
}

/** The "Team" page: who may log in, and what they may do in the chats. */
export function teamPage(prisma) {
  return {
    icon: 'Users',
    handler: async () => ({
      users: await prisma.user.findMany({ select: { id: true, email: true, name: true, role: true }, orderBy: { id: 'asc' } }),
    }),
  };
}
