/**
 * Who is on duty in the building, as this tablet knows it (H3, S1): at most one duty is open at a
 * time, begun by a signed handover or opening and ended by a signed handover or closing. A duty
 * belongs to its person, not to the tablet it was opened on, so every query here reads the whole
 * building's rows, whichever tablet wrote them.
 */
import { nextShiftRostered, ROTA_MARGIN_MS, rosteredNow } from '../../../domain/desk-rules';
import type { Duty, Site } from '../../../domain/entities';
import type { Assignment } from '../../../domain/swap-rules';
import type { HandoverDb } from '../schema';
import { rotaBetween } from './rota-queries';

/** The building's open duties (not ended, not deleted), newest start first; normally one at most. */
export async function openDuties(db: HandoverDb): Promise<Duty[]> {
  // Open duties have a null endedAt, which IndexedDB leaves out of the endedAt index: scan by start.
  const rows = await db.duty
    .orderBy('startedAt')
    .reverse()
    .filter((d) => d.endedAt === null && !d.deleted)
    .toArray();
  return rows;
}

/** What the desk looks like to `staffId` at `nowMs`. */
export interface DeskState {
  /** The building's open duty (the newest, should the tablet know of two), or null. */
  openDuty: Duty | null;
  /** `staffId`'s own open duty, on whichever tablet it was opened. */
  myDuty: Duty | null;
  /** S1: `staffId`'s shift now (they may open the desk while none is open), or null. */
  rostered: Assignment | null;
  /** Everyone rostered now, to name who may open the desk. */
  rosteredNow: Assignment[];
}

/** The desk for `staffId` at `nowMs` (server-corrected, T1). */
export async function deskState(
  db: HandoverDb,
  staffId: string,
  nowMs: number,
  site: Pick<Site, 'incomingLeadMinutes'>,
): Promise<DeskState> {
  const [open, rota] = await Promise.all([
    openDuties(db),
    rotaBetween(db, nowMs - ROTA_MARGIN_MS, nowMs + ROTA_MARGIN_MS),
  ]);
  const lead = site.incomingLeadMinutes;
  const people = [...new Set(rota.assignments.map((a) => a.staffId))];
  return {
    openDuty: open[0] ?? null,
    myDuty: open.find((d) => d.staffId === staffId) ?? null,
    rostered: rosteredNow(rota.assignments, staffId, nowMs, lead),
    rosteredNow: people.flatMap((id) => rosteredNow(rota.assignments, id, nowMs, lead) ?? []),
  };
}

/**
 * H3: whether a shift is rostered to follow the change at `changeAt` (then the desk is handed
 * over; otherwise it is closed).
 */
export async function shiftFollows(db: HandoverDb, changeAt: number, outgoingStaffId: string | null): Promise<boolean> {
  const { assignments } = await rotaBetween(db, changeAt - ROTA_MARGIN_MS, changeAt + ROTA_MARGIN_MS);
  return nextShiftRostered(assignments, changeAt, outgoingStaffId);
}
