/** The building's staff for offline sign-in: each person's PIN hash and no other secret. */
import type { DeviceKind } from '../../domain/api';
import type { Staff } from '../../domain/entities';
import { staffRowFor } from '../auth/hash-withholding';
import type { StoreReads } from '../store/store';

/**
 * Every staff row of `siteId` (inactive and tombstoned too, so tablets converge), as a device of
 * `kind` may receive it: issue 9 §3, a desk tablet gets no admin or manager verifier.
 */
export async function listStaff(store: StoreReads, siteId: string, kind: DeviceKind = 'desk'): Promise<Staff[]> {
  return (await store.listRows(siteId, 'staff')).map((r) => staffRowFor(kind, r.row) as Staff);
}
