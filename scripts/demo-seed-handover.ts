/**
 * The demo's rota (S1, S2), carry-over register (H4, H7), loans and custody (H8), and the signed
 * handover (H3) that opened the shift on duty now: its record is built and hashed exactly as a
 * tablet builds it (chain.ts), so the first count in the demo is pre-filled from a real closing count.
 */
import { newId } from '../src/domain/ids';
import type { Op, WritableTable } from '../src/domain/sync-protocol';
import { DEMO_ITEMS, type DemoTime, type StaffKey } from './demo-data';
import { addSignedHandover } from './demo-seed-record';
import { DEMO_CUSTODY, DEMO_LOANS, DEMO_TASKS } from './demo-register-data';
import { UNDECIDED_SWAP } from '../src/domain/rota-entities';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HK_OFFSET = 8 * HOUR;
const ROTATION: StaffKey[] = ['desk1', 'desk2', 'desk3', 'desk4'];
/** The scripted history's shifts, in order (DEMO_DUTIES). */
const HISTORY: StaffKey[] = ['desk1', 'desk4', 'desk2', 'desk3', 'desk1', 'desk4'];
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
  return { list, current };
}

export interface SeedWorld {
  base: { siteId: string };
  start: number;
  nowMs: number;
  setupAt: number;
  time(t: DemoTime): number;
  staffId(key: StaffKey): string;
  itemIds: Map<string, string>;
  dutyIds: Map<string, string>;
  /** Each duty as the server will hold it once its end is recorded. */
  dutyRows: Map<string, Record<string, unknown>>;
  /** Each entry's final content (after amendments). */
  entryRows: Map<string, Record<string, unknown>>;
  slots: { list: Slot[]; current: number };
}

export async function addHandoverEvents(w: SeedWorld, add: (e: SeedEvent) => void, deviceId: string): Promise<void> {
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

  const register = addRegister(w, add);
  await addSignedHandover(w, add, deviceId, register);
}

export interface Register {
  taskIds: string[];
  openLoanIds: string[];
  overdueLoanIds: string[];
  custodyIds: string[];
  lent: Map<string, { quantity: number; borrowers: string[] }>;
}

function addRegister(w: SeedWorld, add: (e: SeedEvent) => void): Register {
  const taskIds: string[] = [];
  for (const t of DEMO_TASKS) {
    const id = newId();
    taskIds.push(id);
    const at = w.time(t);
    const actor = w.staffId(t.by);
    const fields = {
      ...w.base,
      id,
      kind: t.kind,
      title: t.title,
      cause: t.cause,
      process: t.process,
      result: '',
      important: t.important,
      status: 'open',
      createdBy: actor,
      createdAt: at,
      dutyId: null,
      sourceTable: null,
      sourceId: null,
      itemId: null,
      closedBy: null,
      closedAt: null,
    };
    add({ at, table: 'task', kind: 'put', rowId: id, fields, actor });
    for (const n of t.notes ?? []) {
      const noteAt = w.time(n);
      const note = { ...w.base, id: newId(), taskId: id, staffId: w.staffId(n.by), text: n.text, recordedAt: noteAt };
      add({
        at: noteAt,
        table: 'taskNote',
        kind: 'append',
        rowId: note.id,
        fields: { ...note, deviceTime: noteAt },
        actor: note.staffId,
      });
    }
    for (const a of t.acks ?? []) {
      const ackAt = w.time(a);
      const ack = {
        ...w.base,
        id: newId(),
        taskId: id,
        staffId: w.staffId(a.by),
        handoverId: null,
        recordedAt: ackAt,
        deviceTime: ackAt,
      };
      add({ at: ackAt, table: 'acknowledgement', kind: 'append', rowId: ack.id, fields: ack, actor: ack.staffId });
    }
  }

  const empty = {
    partyKind: null,
    fromParty: '',
    contact: '',
    reason: '',
    checkedHow: '',
    dueAt: null,
    closesId: null,
  };
  const movement = (at: number, by: StaffKey, fields: Record<string, unknown>) => {
    const id = newId();
    const row = {
      ...w.base,
      ...empty,
      id,
      quantity: 1,
      occurredAt: at,
      staffId: w.staffId(by),
      dutyId: null,
      recordedAt: at,
      deviceTime: at,
      ...fields,
    };
    add({ at, table: 'itemMovement', kind: 'append', rowId: id, fields: row, actor: w.staffId(by) });
    return id;
  };
  const openLoanIds: string[] = [];
  const overdueLoanIds: string[] = [];
  const lent = new Map<string, { quantity: number; borrowers: string[] }>();
  for (const l of DEMO_LOANS) {
    const itemId = w.itemIds.get(l.item) ?? '';
    const dueAt = w.time(l.due);
    const lendId = movement(w.time(l), l.by, {
      itemId,
      kind: 'lend',
      party: l.party,
      partyKind: l.partyKind,
      contact: l.contact,
      reason: l.reason,
      dueAt,
    });
    if (l.returned) {
      movement(w.time(l.returned), l.returned.by, { itemId, kind: 'return', party: l.party, closesId: lendId });
    } else {
      openLoanIds.push(lendId);
      if (dueAt < w.slots.list[w.slots.current]!.startsAt) overdueLoanIds.push(lendId);
      lent.set(itemId, { quantity: 1, borrowers: [l.party] });
    }
  }
  const custodyIds = DEMO_CUSTODY.map((c) =>
    movement(w.time(c), c.by, {
      itemId: w.itemIds.get(c.item) ?? '',
      kind: 'custodyIn',
      quantity: DEMO_ITEMS.find((i) => i.code === c.item)?.quantity ?? 1,
      party: c.party,
      fromParty: c.fromParty,
      contact: c.contact,
      reason: c.reason,
    }),
  );
  return { taskIds, openLoanIds, overdueLoanIds, custodyIds, lent };
}
