// Who is signed in, as the plugin sees them. AdminJS hands every action the `currentAdmin` that the
// host's `authenticate` returned; the host's `fromCurrentAdmin` maps it to a role and a stable user
// id, and that id is recorded as an operator (chat_operators) the first time the user takes a
// dialogue, writes a reply or asks for a report. The plugin never needs the host's user table.
//
// The built-in accounts of the standalone app (src/accounts) return { id, email, name, role }
// from authenticate, which is what the default mapping reads.
import type { PrismaClient } from '@prisma/client';
import { isRole, type Actor, type CurrentUser, type Role } from '../domain/roles.js';

/** What `fromCurrentAdmin` returns: the host user's id, the role it has in the chats, for display its name and e-mail. */
export interface HostUser {
  id: string | number;
  role: Role;
  name?: string | null;
  email?: string | null;
}

export interface UsersOptions {
  /**
   * Your signed-in user (AdminJS' `currentAdmin`, i.e. what your `authenticate` returned) as the
   * chats see them; null or undefined: no access to the chats. Default: `{ id, role, name, email }`
   * read from currentAdmin as it is (the e-mail stands in for a missing id).
   */
  fromCurrentAdmin?: (currentAdmin: Record<string, unknown>) => HostUser | null | undefined;
  /** How long an operator row found or created for a user is reused, in ms (default 60 s). */
  profileCacheMs?: number;
}

export interface OperatorProfile { id: number; name: string | null }

const MAX_CACHED_PROFILES = 10_000;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

// the user's id, or their e-mail when authenticate returned none
const readAsIs = (admin: Record<string, unknown>): HostUser | null => {
  const id = typeof admin.id === 'number' || typeof admin.id === 'string' ? admin.id : text(admin.email);
  if (id === null || !isRole(admin.role)) return null;
  return { id, role: admin.role, name: text(admin.name), email: text(admin.email) };
};

export class ChatsUsers {
  private readonly fromCurrentAdmin: (admin: Record<string, unknown>) => HostUser | null | undefined;
  private readonly cacheMs: number;
  private readonly profiles = new Map<string, { profile: OperatorProfile; name: string | null; email: string | null; until: number }>();

  constructor(private readonly prisma: PrismaClient, options: UsersOptions = {}) {
    this.fromCurrentAdmin = options.fromCurrentAdmin ?? readAsIs;
    this.cacheMs = options.profileCacheMs ?? 60_000;
  }

  /** The signed-in user, or null (not signed in, or no role in the chats). */
  current(currentAdmin: unknown): CurrentUser | null {
    if (!currentAdmin || typeof currentAdmin !== 'object') return null;
    const user = this.fromCurrentAdmin(currentAdmin as Record<string, unknown>);
    if (!user || !isRole(user.role)) return null;
    const id = String(user.id ?? '').trim();
    if (!id || id.length > 128) return null;
    return { id, role: user.role, name: user.name?.trim() || null, email: user.email?.trim() || null };
  }

  /** The user's operator row, created on first use and kept in step with their name and e-mail. */
  async operatorOf(user: CurrentUser): Promise<OperatorProfile> {
    const now = Date.now();
    const hit = this.profiles.get(user.id);
    if (hit && hit.until > now && hit.name === user.name && hit.email === user.email) return hit.profile;
    // one statement (INSERT … ON CONFLICT DO UPDATE): two first requests of a user at once both succeed
    const row = await this.prisma.operator.upsert({
      where: { userKey: user.id },
      // `name` is what screens and reports show: the e-mail stands in for a user without a name
      create: { userKey: user.id, name: user.name ?? user.email, email: user.email },
      update: { name: user.name ?? user.email, email: user.email },
      select: { id: true, name: true },
    });
    const profile = { id: row.id, name: row.name };
    this.profiles.delete(user.id);
    if (this.profiles.size >= MAX_CACHED_PROFILES) this.profiles.delete(this.profiles.keys().next().value as string);
    this.profiles.set(user.id, { profile, name: user.name, email: user.email, until: now + this.cacheMs });
    return profile;
  }

  /**
   * The signed-in user with their operator id; `create`: make the row now (the user is about to
   * do something recorded under their name), else null for a user who has none yet.
   */
  async actor(currentAdmin: unknown, options: { create: boolean }): Promise<Actor | null> {
    const user = this.current(currentAdmin);
    if (!user) return null;
    const operatorId = options.create ? (await this.operatorOf(user)).id : await this.knownOperatorId(user);
    return { ...user, operatorId };
  }

  /** The operator id of a user who has one already (no row is created); null otherwise. */
  async knownOperatorId(user: CurrentUser): Promise<number | null> {
    const hit = this.profiles.get(user.id);
    if (hit && hit.until > Date.now()) return hit.profile.id;
    const row = await this.prisma.operator.findUnique({ where: { userKey: user.id }, select: { id: true } });
    return row?.id ?? null;
  }
}
