/**
 * Who may open and who may close the desk (H1, H3, S1), from the effective rota (approved swaps
 * and covers included). Pure, so the tablet and the server answer the same way.
 */
import { INCOMING_WINDOW_MS, incomingCandidates, type Assignment } from './swap-rules';

const MINUTE = 60_000;

/**
 * S1, H1: the assignment of the effective rota that `staffId` works at `nowMs`: a shift in
 * progress, or one starting within `leadMinutes` (the building's `incomingLeadMinutes`: the person
 * taking a shift arrives that much early). Only this person may open the desk when no duty is open
 * (H3); null when they are not rostered now.
 */
export function rosteredNow(
  assignments: readonly Assignment[],
  staffId: string,
  nowMs: number,
  leadMinutes: number,
): Assignment | null {
  return (
    assignments
      .filter((a) => a.staffId === staffId && a.startsAt - leadMinutes * MINUTE <= nowMs && nowMs < a.endsAt)
      .sort((a, b) => a.startsAt - b.startsAt)
      .at(0) ?? null
  );
}

/**
 * H3: a shift is rostered to follow the change at `changeAt` (the outgoing shift's end): someone
 * other than the outgoing person starts a shift within INCOMING_WINDOW_MS of it. Then the desk is
 * handed over, never closed; with nobody to follow, it is closed.
 */
export function nextShiftRostered(
  assignments: readonly Assignment[],
  changeAt: number,
  outgoingStaffId: string | null,
): boolean {
  return incomingCandidates([...assignments], changeAt).some((a) => a.staffId !== outgoingStaffId);
}

/** The span of rota to read around `changeAt` so every candidate of rosteredNow/nextShiftRostered is in it. */
export const ROTA_MARGIN_MS = INCOMING_WINDOW_MS + 24 * 3_600_000;
