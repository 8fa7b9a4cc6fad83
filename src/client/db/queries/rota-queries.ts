/** Read functions for the rota, swaps and attendance (S1, S2), meant for `useLiveQuery(() => fn(db, ...))`. */
import type { RotaShift, SwapRequest, SwapStatus } from '../../../domain/rota-entities';
import { attendance, effectiveRota, type Assignment, type AttendanceRow } from '../../../domain/swap-rules';
import type { HandoverDb } from '../schema';

/** A shift lasts at most a day (an end at or before its start is the next day), so this finds every overlap. */
const DAY_MS = 24 * 3_600_000;

const overlaps = (from: number, to: number) => (x: { startsAt: number; endsAt: number }) =>
  x.startsAt < to && x.endsAt > from;

/**
 * The rota of `[fromMs, toMs)`: the shifts overlapping it (by start), the swap requests touching
 * them, and the effective rota (S1: only approved swaps) of that window. A swap with a shift
 * outside the window is still applied, so the window shows who really works.
 */
export async function rotaBetween(
  db: HandoverDb,
  fromMs: number,
  toMs: number,
): Promise<{ shifts: RotaShift[]; swaps: SwapRequest[]; assignments: Assignment[] }> {
  if (!(toMs > fromMs)) return { shifts: [], swaps: [], assignments: [] };
  const near = await db.rotaShift
    .where('startsAt')
    .between(fromMs - DAY_MS, toMs, true, false)
    .toArray();
  const shifts = near.filter((s) => !s.deleted).filter(overlaps(fromMs, toMs));
  const ids = shifts.map((s) => s.id);
  const idSet = new Set(ids);
  const given = ids.length ? await db.swapRequest.where('rotaShiftId').anyOf(ids).toArray() : [];
  // A swap taking one of these shifts in exchange points at it with otherShiftId (not indexed).
  const taken = await db.swapRequest.filter((s) => s.otherShiftId !== null && idSet.has(s.otherShiftId)).toArray();
  const swaps = [...new Map([...given, ...taken].filter((s) => !s.deleted).map((s) => [s.id, s])).values()].sort(
    (a, b) => a.requestedAt - b.requestedAt || a.id.localeCompare(b.id),
  );
  const otherIds = new Set<string>();
  for (const s of swaps) for (const id of [s.rotaShiftId, s.otherShiftId]) if (id && !idSet.has(id)) otherIds.add(id);
  const others = (await db.rotaShift.bulkGet([...otherIds])).filter(
    (s): s is NonNullable<typeof s> => !!s && !s.deleted,
  );
  const assignments = effectiveRota([...shifts, ...others], swaps).filter(overlaps(fromMs, toMs));
  return { shifts: shifts.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id)), swaps, assignments };
}

/** Swap and cover requests, newest first; pending ones for the chief or manager with a status filter. */
export async function listSwaps(db: HandoverDb, filter?: { status?: SwapStatus }): Promise<SwapRequest[]> {
  const rows = filter?.status
    ? await db.swapRequest.where('status').equals(filter.status).toArray()
    : await db.swapRequest.toArray();
  return rows.filter((s) => !s.deleted).sort((a, b) => b.requestedAt - a.requestedAt || b.id.localeCompare(a.id));
}

/**
 * S1: lateness, early leave and absence for the effective rota of `[fromMs, toMs)`, from the
 * duties actually worked (domain attendance), as of `nowMs`.
 */
export async function attendanceBetween(
  db: HandoverDb,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<AttendanceRow[]> {
  const { assignments } = await rotaBetween(db, fromMs, toMs);
  if (assignments.length === 0) return [];
  const first = Math.min(...assignments.map((a) => a.startsAt));
  const last = Math.max(...assignments.map((a) => a.endsAt));
  // A duty counts for an assignment it overlaps; one started a day before the first shift is
  // still searched, since people start early and duties may run long.
  const duties = await db.duty
    .where('startedAt')
    .between(first - DAY_MS, last, true, false)
    .toArray();
  const live = duties.filter((d) => !d.deleted);
  // H1: a person who took over arrived when they joined the handover with their PIN, before the
  // signing that opened their duty; their lateness is measured from that arrival.
  const recordIds = live.map((d) => d.handoverId).filter((id): id is string => id !== null);
  const records = await db.handoverRecord.bulkGet(recordIds);
  const joinedAt = new Map<string, number>();
  for (const r of records) {
    if (r && !r.deleted && r.newDutyId !== null && r.joinedAt !== null) joinedAt.set(r.newDutyId, r.joinedAt);
  }
  const arrived = live.map((d) => ({ ...d, startedAt: Math.min(d.startedAt, joinedAt.get(d.id) ?? d.startedAt) }));
  return attendance(assignments, arrived, nowMs);
}
