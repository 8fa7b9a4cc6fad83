/**
 * Issue 8, "A home for each role": an office device (an office PC enrolled with an office code)
 * skips the desk screens, and the server holds it too, whatever such a browser sends: it may not
 * open or end a duty, nor write a handover draft, a count line or a signed handover record (H3,
 * H8: those belong to the two people at the desk tablet). Reading, escalations, reviews, spot
 * checks and everything else stay open to it. A pure check, called per op by apply-op.ts.
 */
import type { DeviceKind } from '../../domain/api';
import type { SyncTable } from '../../domain/entities';
import { reject, type Rejection } from './op-outcome';

/** The desk's own tables: what only a desk tablet may write. */
export const DESK_ONLY_TABLES: ReadonlySet<SyncTable> = new Set<SyncTable>([
  'duty',
  'handover',
  'countLine',
  'handoverRecord',
]);

/** The refusal of an op on `table` from a device of `kind`, or null when that device may write it. */
export function deviceKindRefusal(kind: DeviceKind | undefined, table: SyncTable): Rejection | null {
  if (kind !== 'office' || !DESK_ONLY_TABLES.has(table)) return null;
  return reject('office_device', `an office device may not write ${table}: use the desk tablet`);
}
