// Who may do what. Plain functions over the role name so both AdminJS `isAccessible` checks and
// tests use the same rules.
export type Role = 'admin' | 'operator' | 'viewer';

export interface CurrentUser {
  id: number | string;
  email: string;
  role: Role;
  name?: string | null;
}

export const isAdmin = (user?: CurrentUser | null): boolean => user?.role === 'admin';
export const canWorkOnDialogs = (user?: CurrentUser | null): boolean => user?.role === 'admin' || user?.role === 'operator';
export const canRead = (user?: CurrentUser | null): boolean => !!user && ['admin', 'operator', 'viewer'].includes(user.role);
