/**
 * The rota as it really stands (S1, S2): the section chief's rota, changed only by swaps and covers
 * that the section chief confirmed AND the property office manager approved; who may take over at
 * a handover; and lateness, early leave and absence derived from the actual duty times.
 */
import { TZDate } from '@date-fns/tz';
import { canonicalJson } from './canonical';
import type { Duty, Role, ShiftTemplate } from './entities';
import type { RotaShift, SwapRequest } from './rota-entities';

/** One person on one shift of the effective rota; `viaSwapId` names the approved swap that put them there. */
export interface Assignment {
  rotaShiftId: string;
  staffId: string;
  day: string;
  shiftId: string;
  startsAt: number;
  endsAt: number;
  viaSwapId: string | null;
}

/** S1: only a request both confirmed and approved changes the rota. */
function isApproved(s: SwapRequest): boolean {
  return !s.deleted && s.status === 'approved' && s.confirmedBy !== null && s.approvedBy !== null;
}

/**
 * The rota after the approved swaps and covers (S1), sorted by start. Swaps apply in approval
 * order, each only while the shifts it names are still held by the people it names, so a stale
 * request (the rota changed since) moves nobody.
 */
export function effectiveRota(shifts: RotaShift[], swaps: SwapRequest[]): Assignment[] {
  const byShift = new Map<string, Assignment>();
  for (const s of shifts) {
    if (s.deleted) continue;
    byShift.set(s.id, { ...pick(s), rotaShiftId: s.id, viaSwapId: null });
  }
  const approved = swaps
    .filter(isApproved)
    .sort((a, b) => (a.approvedAt ?? 0) - (b.approvedAt ?? 0) || a.id.localeCompare(b.id));
  for (const swap of approved) {
    const given = byShift.get(swap.rotaShiftId);
    if (!given || given.staffId !== swap.requesterId) continue;
    if (swap.kind === 'swap') {
      const taken = swap.otherShiftId === null ? undefined : byShift.get(swap.otherShiftId);
      if (!taken || taken.staffId !== swap.substituteId) continue;
      byShift.set(taken.rotaShiftId, { ...taken, staffId: swap.requesterId, viaSwapId: swap.id });
    }
    byShift.set(given.rotaShiftId, { ...given, staffId: swap.substituteId, viaSwapId: swap.id });
  }
  return [...byShift.values()].sort(
    (a, b) =>
      a.startsAt - b.startsAt || a.staffId.localeCompare(b.staffId) || a.rotaShiftId.localeCompare(b.rotaShiftId),
  );
}

function pick(s: RotaShift): Omit<Assignment, 'rotaShiftId' | 'viaSwapId'> {
  return { staffId: s.staffId, day: s.day, shiftId: s.shiftId, startsAt: s.startsAt, endsAt: s.endsAt };
}

export type SwapTransitionError = 'wrongRole' | 'notRequester' | 'outOfOrder' | 'fieldsChanged';

/** The fields a decision may change; everything else of a request is fixed once requested. */
const DECISION_FIELDS = new Set([
  'status',
  'confirmedBy',
  'confirmedAt',
  'approvedBy',
  'approvedAt',
  'decidedBy',
  'decidedAt',
  'decisionNote',
  'updatedAt',
  'deleted',
]);

/**
 * S1: a request is made by the person giving their shift away, confirmed by a section chief, then
 * approved by the property office manager; a chief or manager may reject it while pending, and the
 * requester may withdraw it while pending. `prev` is null for a new request; `next` is the whole
 * row after the change. Returns null when the change is allowed.
 */
export function checkSwapTransition(
  prev: SwapRequest | null,
  next: SwapRequest,
  actor: { id: string; role: Role },
): SwapTransitionError | null {
  if (prev === null) {
    if (next.requesterId !== actor.id) return 'notRequester';
    const undecided =
      next.confirmedBy === null && next.approvedBy === null && next.decidedBy === null && next.decisionNote === '';
    return next.status === 'requested' && undecided ? null : 'outOfOrder';
  }
  for (const key of Object.keys({ ...prev, ...next }) as (keyof SwapRequest)[]) {
    if (!DECISION_FIELDS.has(key) && canonicalJson(prev[key] ?? null) !== canonicalJson(next[key] ?? null)) {
      return 'fieldsChanged';
    }
  }
  const same = (k: keyof SwapRequest) => prev[k] === next[k];
  if (prev.status === next.status) {
    // Not a step: nothing about the decision may change without one.
    const unchanged = (
      ['confirmedBy', 'confirmedAt', 'approvedBy', 'approvedAt', 'decidedBy', 'decidedAt', 'decisionNote'] as const
    ).every(same);
    return unchanged ? null : 'outOfOrder';
  }
  const pending = prev.status === 'requested' || prev.status === 'confirmed';
  switch (next.status) {
    case 'confirmed':
      if (prev.status !== 'requested') return 'outOfOrder';
      if (actor.role !== 'chief') return 'wrongRole';
      return next.confirmedBy === actor.id && next.confirmedAt !== null && next.approvedBy === null && same('decidedBy')
        ? null
        : 'outOfOrder';
    case 'approved':
      // The manager approves only what a section chief has confirmed.
      if (prev.status !== 'confirmed') return 'outOfOrder';
      if (actor.role !== 'manager') return 'wrongRole';
      return next.approvedBy === actor.id && next.approvedAt !== null && same('confirmedBy') && same('confirmedAt')
        ? null
        : 'outOfOrder';
    case 'rejected':
      if (!pending) return 'outOfOrder';
      if (actor.role !== 'chief' && actor.role !== 'manager') return 'wrongRole';
      return decidedBy(prev, next, actor.id) ? null : 'outOfOrder';
    case 'withdrawn':
      if (!pending) return 'outOfOrder';
      if (actor.id !== prev.requesterId) return 'notRequester';
      return decidedBy(prev, next, actor.id) ? null : 'outOfOrder';
    default:
      return 'outOfOrder';
  }
}

function decidedBy(prev: SwapRequest, next: SwapRequest, actorId: string): boolean {
  return (
    next.decidedBy === actorId &&
    next.decidedAt !== null &&
    next.approvedBy === prev.approvedBy &&
    next.confirmedBy === prev.confirmedBy
  );
}

/** How far from the scheduled change a rostered shift may start and still take over: 2 hours. */
export const INCOMING_WINDOW_MS = 2 * 3_600_000;

/** The assignments whose shift starts within INCOMING_WINDOW_MS of `changeAt`, nearest first. */
export function incomingCandidates(assignments: Assignment[], changeAt: number): Assignment[] {
  return assignments
    .filter((a) => Math.abs(a.startsAt - changeAt) <= INCOMING_WINDOW_MS)
    .sort((a, b) => Math.abs(a.startsAt - changeAt) - Math.abs(b.startsAt - changeAt) || a.startsAt - b.startsAt);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{2}):(\d{2})$/;

/**
 * T1, S2: a shift template on a building day, in UTC ms. The clock times are read in the building's
 * zone, so the same 09:00 is a different instant in summer and winter time; an end at or before
 * the start is on the next day. A time skipped by a daylight-saving change moves forward by the gap.
 * @throws RangeError for a malformed day or clock time.
 */
export function shiftBounds(day: string, shift: ShiftTemplate, timeZone: string): { startsAt: number; endsAt: number } {
  const d = DAY.exec(day);
  const s = CLOCK.exec(shift.start);
  const e = CLOCK.exec(shift.end);
  if (!d || !s || !e) throw new RangeError(`bad day or shift: ${day} ${shift.start}-${shift.end}`);
  const [y, mo, dd] = [Number(d[1]), Number(d[2]) - 1, Number(d[3])];
  const endsNextDay = shift.end <= shift.start;
  const startsAt = new TZDate(y, mo, dd, Number(s[1]), Number(s[2]), timeZone).getTime();
  // The Date constructor rolls day 32 over into the next month, in the zone's own calendar.
  const endsAt = new TZDate(y, mo, dd + (endsNextDay ? 1 : 0), Number(e[1]), Number(e[2]), timeZone).getTime();
  return { startsAt, endsAt };
}

/** One assignment against what happened: late start, early leave, absence (S1). */
export interface AttendanceRow {
  assignment: Assignment;
  startedAt: number | null;
  endedAt: number | null;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  absent: boolean;
}

const MINUTE = 60_000;

/**
 * S1: the person's duties overlapping each assignment give the actual start (earliest) and end
 * (latest, null while on duty). Nobody yet on a started shift counts as late so far; nobody at all
 * by its end is an absence.
 */
export function attendance(
  assignments: Assignment[],
  duties: Pick<Duty, 'staffId' | 'startedAt' | 'endedAt'>[],
  nowMs: number,
): AttendanceRow[] {
  return assignments.map((a) => {
    const mine = duties.filter(
      (d) => d.staffId === a.staffId && d.startedAt < a.endsAt && (d.endedAt === null || d.endedAt > a.startsAt),
    );
    if (mine.length === 0) {
      const over = nowMs >= a.endsAt;
      const lateMinutes = !over && nowMs > a.startsAt ? Math.floor((nowMs - a.startsAt) / MINUTE) : 0;
      return { assignment: a, startedAt: null, endedAt: null, lateMinutes, earlyLeaveMinutes: 0, absent: over };
    }
    const startedAt = Math.min(...mine.map((d) => d.startedAt));
    const open = mine.some((d) => d.endedAt === null);
    const endedAt = open ? null : Math.max(...mine.map((d) => d.endedAt ?? 0));
    return {
      assignment: a,
      startedAt,
      endedAt,
      lateMinutes: Math.max(0, Math.floor((startedAt - a.startsAt) / MINUTE)),
      earlyLeaveMinutes: endedAt === null ? 0 : Math.max(0, Math.floor((a.endsAt - endedAt) / MINUTE)),
      absent: false,
    };
  });
}
