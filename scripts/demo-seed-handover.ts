/**
 * The demo's rota (S1, S2) and its duties: every day and night shift from the first history day to
 * a week ahead, and the duties worked so far, each begun by a signed record (H3): the desk opened
 * on the first morning, then a handover at every change up to the shift on duty now.
 */
import { newId } from '../src/domain/ids';
import { UNDECIDED_SWAP } from '../src/domain/rota-entities';
import type { Op, WritableTable } from '../src/domain/sync-protocol';
import { DEMO_DUTIES, type DemoTime, type StaffKey } from './demo-data';
import type { EntryTimeline } from './demo-seed-entries';
import { addDutyChain } from './demo-seed-record';
import { addRegister, type RegisterTask } from './demo-seed-register';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HK_OFFSET = 8 * HOUR;
const ROTATION: StaffKey[] = ['desk1', 'desk2', 'desk3', 'desk4'];
/** The scripted history's shifts, in order (DEMO_DUTIES). */
const HISTORY: StaffKey[] = DEMO_DUTIES.map((d) => d.staff);
/** A week of rota after the shift on duty now. */
const FUTURE_SLOTS = 14;

export interface SeedEvent {
  at: number;
  table: WritableTable;
  kind: Op['kind'];
  rowId: string;
  fields: Record<string, unknown>;
  baseVersion?: Record<string, number>;
  actor: string;
}

export interface Slot {
  index: number;
  day: string;
  shiftId: 'day' | 'night';
  startsAt: number;
  endsAt: number;
  staff: StaffKey;
}

/**
 * Every day and night shift from the first history day to a week ahead. The shift covering now
 * is always 李嘉欣's (desk1) and the next one 張偉明's (desk2), so a newcomer (and the end-to-end
 * test) knows who hands over to whom.
 */
export function rotaSlots(start: number, nowMs: number): { list: Slot[]; current: number } {
  const list: Slot[] = [];
  let current = -1;
  for (let i = 0; current < 0 || i <= current + FUTURE_SLOTS; i++) {
    const dayStart = start + Math.floor(i / 2) * DAY;
    const shiftId = i % 2 === 0 ? 'day' : 'night';
    const startsAt = dayStart + (shiftId === 'day' ? 9 : 18) * HOUR;
    const endsAt = startsAt + (shiftId === 'day' ? 9 : 15) * HOUR;
    if (current < 0 && startsAt <= nowMs && nowMs < endsAt) current = i;
    const day = new Date(dayStart + HK_OFFSET).toISOString().slice(0, 10);
    list.push({ index: i, day, shiftId, startsAt, endsAt, staff: HISTORY[i] ?? 'desk1' });
  }
  for (const slot of list) {
    if (slot.index >= HISTORY.length) slot.staff = ROTATION[(((slot.index - current) % 4) + 4) % 4] ?? 'desk1';
  }
  // H3: a shift worked between the scripted history and now is handed over to someone else, never
  // to the same person again (a handover needs two people).
  for (let i = HISTORY.length; i < current; i++) {
    const [before, slot, after] = [list[i - 1], list[i], list[i + 1]];
    if (!before || !slot || !after || (slot.staff !== before.staff && slot.staff !== after.staff)) continue;
    slot.staff = ROTATION.find((k) => k !== before.staff && k !== after.staff) ?? slot.staff;
  }
  return { list, current };
}

/** A duty worked from the first history shift to the one on duty now, begun by its record at `startedAt`. */
export interface PlannedDuty {
  /** `day/shift` for the scripted history (DEMO_DUTIES), `slot/index` for the shifts after it. */
  key: string;
  id: string;
  staff: StaffKey;
  staffId: string;
  shiftId: 'day' | 'night';
  /** The rostered start of the shift (H1: the scheduled change). */
  scheduledAt: number;
  /** The signing of the record that began it; later than scheduled when the person came late (S1). */
  startedAt: number;
}

/** The duties of every shift up to the one on duty now, in order (the last one is open). */
export function planDuties(slots: { list: Slot[]; current: number }, staffId: (k: StaffKey) => string): PlannedDuty[] {
  return slots.list
    .filter((s) => s.index <= slots.current)
    .map((s) => {
      const scripted = DEMO_DUTIES[s.index];
      const late = (scripted?.lateMinutes ?? 0) * 60_000;
      return {
        key: scripted ? `${scripted.day}/${scripted.shift}` : `slot/${s.index}`,
        id: newId(),
        staff: s.staff,
        staffId: staffId(s.staff),
        shiftId: s.shiftId,
        scheduledAt: s.startsAt,
        startedAt: s.startsAt + late,
      };
    });
}

export interface SeedWorld {
  base: { siteId: string };
  start: number;
  nowMs: number;
  setupAt: number;
  time(t: DemoTime): number;
  staffId(key: StaffKey): string;
  itemIds: Map<string, string>;
  slots: { list: Slot[]; current: number };
  duties: PlannedDuty[];
  /** Duty id by PlannedDuty.key (the entries' `day/shift`). */
  dutyIds: Map<string, string>;
  /** The duty on at `at` (the last one begun by then). */
  dutyAt(at: number): PlannedDuty | undefined;
  /** The chain's head after the 18 months of history (demo-history.ts): the first record's prevHash. */
  chainHead: string;
}

/** The rota, a pending cover request, the register, and the duties with the records that began them. */
export async function addHandoverEvents(
  w: SeedWorld,
  add: (e: SeedEvent) => void,
  deviceId: string,
  entries: { timeline: EntryTimeline; referrals: RegisterTask[] },
): Promise<void> {
  const chief = w.staffId('chief');
  const rotaIds = new Map<number, string>();
  for (const slot of w.slots.list) {
    const id = newId();
    rotaIds.set(slot.index, id);
    const fields = { ...w.base, id, staffId: w.staffId(slot.staff), day: slot.day, shiftId: slot.shiftId };
    const row = { ...fields, startsAt: slot.startsAt, endsAt: slot.endsAt, note: '' };
    add({
      at: w.setupAt + 180_000 + slot.index,
      table: 'rotaShift',
      kind: 'put',
      rowId: id,
      fields: row,
      actor: chief,
    });
  }
  // S1: a cover request waiting for the section chief.
  const coverSlot = w.slots.list.find((s) => s.index === w.slots.current + 3);
  if (coverSlot) {
    const id = newId();
    const requester = w.staffId(coverSlot.staff);
    const substitute = w.staffId(coverSlot.staff === 'desk3' ? 'desk1' : 'desk3');
    const fields = {
      ...w.base,
      id,
      kind: 'cover',
      rotaShiftId: rotaIds.get(coverSlot.index),
      requesterId: requester,
      substituteId: substitute,
      otherShiftId: null,
      reason: '家中有事，請求同事代更',
      status: 'requested',
      requestedAt: w.nowMs - 30 * 60_000,
      ...UNDECIDED_SWAP,
    };
    add({ at: w.nowMs - 30 * 60_000, table: 'swapRequest', kind: 'put', rowId: id, fields, actor: requester });
  }

  const register = addRegister(w, add, entries.referrals);
  await addDutyChain(w, add, deviceId, register, entries.timeline);
}
