// Who may do what. Plain functions over the role name so both AdminJS `isAccessible` checks and
// tests use the same rules.
export type Role = 'admin' | 'operator' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'operator', 'viewer'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The signed-in person as the chats see them: the host's user id (as text) and a role. */
export interface CurrentUser {
  id: string;
  role: Role;
  name: string | null;
  email: string | null;
}

/** A user with their operator row, where actions record who did them (null: none yet). */
export interface Actor extends CurrentUser {
  operatorId: number | null;
}

export const isAdmin = (user?: Pick<CurrentUser, 'role'> | null): boolean => user?.role === 'admin';
export const canWorkOnDialogs = (user?: Pick<CurrentUser, 'role'> | null): boolean => user?.role === 'admin' || user?.role === 'operator';
export const canRead = (user?: Pick<CurrentUser, 'role'> | null): boolean => !!user && isRole(user.role);

/**
 * Whether changing an account's role from `from` to `to` (null: deleting the account) leaves the
 * chats without an admin, when `admins` accounts have the admin role now.
 */
export const leavesNoAdmin = (from: Role, to: Role | null, admins: number): boolean => from === 'admin' && to !== 'admin' && admins <= 1;

export const LAST_ADMIN_MESSAGE = 'This is the only admin: make another user an admin first.';
