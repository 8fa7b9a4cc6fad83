/** The building's staff for offline sign-in: each person's PIN hash and no other secret. */
import type { Staff } from '../../domain/entities';
import type { Store } from '../store/store';

/** Every staff row of `siteId` (inactive and tombstoned too, so tablets converge). */
export function listStaff(store: Store, siteId: string): Staff[] {
  return store.listRows(siteId, 'staff').map((r) => r.row as Staff);
}
