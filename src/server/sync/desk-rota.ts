/**
 * The rota as the server reads it for a signed record (S1, S2, H3): who may take over or open the
 * desk, and whether a shift follows a closing. The windows are the tablet's own (INCOMING_WINDOW_MS
 * around the scheduled change, client/db/queries/carry-over.ts), widened where a tablet could
 * reasonably differ, so the server refuses only what no tablet following the rules would sign.
 */
import type { Staff } from '../../domain/entities';
import { INCOMING_WINDOW_MS, effectiveRota, incomingCandidates, type Assignment } from '../../domain/swap-rules';
import type { BuildingRows } from './building-rows';

/** S1: the rota after the approved swaps and covers. */
export function rotaOf(rows: Pick<BuildingRows, 'rota' | 'swaps'>): Assignment[] {
  return effectiveRota(rows.rota, rows.swaps);
}

/**
 * S1: whether `staffId` is rostered for the shift at `at`: a shift of theirs that contains `at` or
 * starts within INCOMING_WINDOW_MS after it (they came early), or one starting within the window of
 * the scheduled change (the candidates the tablet offers, incomingCandidates).
 */
export function isRosteredAt(rota: Assignment[], staffId: string, at: number, scheduledAt: number | null): boolean {
  const now = rota.some((a) => a.staffId === staffId && a.startsAt - INCOMING_WINDOW_MS <= at && at < a.endsAt);
  if (now) return true;
  return scheduledAt !== null && incomingCandidates(rota, scheduledAt).some((a) => a.staffId === staffId);
}

/**
 * H3: a shift of someone other than the person closing starts within the window of the change
 * (the scheduled end, else the signing): the desk is then handed over, not closed.
 */
export function isShiftFollowing(rota: Assignment[], changeAt: number, closingStaffId: string | null): boolean {
  return incomingCandidates(rota, changeAt).some((a) => a.staffId !== closingStaffId);
}

/** S1, H11(d): whether `staffId` is an active member of staff in `role` (a chief or manager approving). */
export function activeRoleCheck(staff: Staff[]): (staffId: string, role: 'chief' | 'manager') => boolean {
  return (staffId, role) => staff.some((s) => s.id === staffId && s.active && !s.deleted && s.role === role);
}
