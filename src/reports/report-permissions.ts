// Who may export which report (PRODUCT.md roles): billing is for admins only; operators may
// export the others; viewers none unless the host allows it.
import type { Actor, CurrentUser } from '../domain/roles.js';
import type { ReportDefinition } from './report-definition.js';

export interface ReportPermissionOptions { viewersMayExport: boolean }

export function mayExport(user: Pick<CurrentUser, 'role'> | null | undefined, definition: Pick<ReportDefinition, 'adminOnly'>, options: ReportPermissionOptions): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (definition.adminOnly) return false;
  return user.role === 'operator' || (user.role === 'viewer' && options.viewersMayExport);
}

/** Admins see every report job; others only their own. */
export function maySeeJob(user: Pick<Actor, 'role' | 'operatorId'> | null | undefined, job: { createdById: number | null }): boolean {
  if (!user) return false;
  return user.role === 'admin' || (job.createdById !== null && job.createdById === user.operatorId);
}
