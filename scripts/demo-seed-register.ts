/**
 * The demo's carry-over register (H4, H7), loans and custody (H8) as sync ops, with when each task
 * was open, each loan out and each custody item held, so every signed record of the demo carries
 * over exactly what was pending at its signing (demo-seed-record.ts).
 */
import { newId } from '../src/domain/ids';
import type { TaskKind } from '../src/domain/task-entities';
import { DEMO_ITEMS, type StaffKey } from './demo-data';
import { DEMO_CUSTODY, DEMO_LOANS, DEMO_TASKS } from './demo-register-data';
import type { SeedEvent, SeedWorld } from './demo-seed-handover';

/** A task and when it was open (closedAt null: still open now). */
export interface RegisterTask {
  id: string;
  kind: TaskKind;
  createdAt: number;
  closedAt: number | null;
  /** The entry a referral's pending work comes from (H4). */
  sourceId?: string;
}

export interface RegisterLoan {
  id: string;
  itemId: string;
  quantity: number;
  party: string;
  at: number;
  dueAt: number;
  returnedAt: number | null;
}

export interface RegisterCustody {
  id: string;
  itemId: string;
  at: number;
}

export interface Register {
  tasks: RegisterTask[];
  loans: RegisterLoan[];
  custody: RegisterCustody[];
}

function addTasks(w: SeedWorld, add: (e: SeedEvent) => void): RegisterTask[] {
  return DEMO_TASKS.map((t) => {
    const id = newId();
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
      const fields = { ...note, deviceTime: noteAt };
      add({ at: noteAt, table: 'taskNote', kind: 'append', rowId: note.id, fields, actor: note.staffId });
    }
    return { id, kind: t.kind, createdAt: at, closedAt: null };
  });
}

const NO_MOVEMENT_FIELDS = {
  partyKind: null,
  fromParty: '',
  contact: '',
  reason: '',
  checkedHow: '',
  dueAt: null,
  closesId: null,
};

/** Tasks, loans and custody of the demo, as ops; `extraTasks` are tasks written elsewhere (referrals). */
export function addRegister(w: SeedWorld, add: (e: SeedEvent) => void, extraTasks: RegisterTask[]): Register {
  const tasks = [...addTasks(w, add), ...extraTasks];
  const movement = (at: number, by: StaffKey, fields: Record<string, unknown>) => {
    const id = newId();
    const row = {
      ...w.base,
      ...NO_MOVEMENT_FIELDS,
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
  const loans = DEMO_LOANS.map((l): RegisterLoan => {
    const itemId = w.itemIds.get(l.item) ?? '';
    const at = w.time(l);
    const dueAt = w.time(l.due);
    const id = movement(at, l.by, {
      itemId,
      kind: 'lend',
      party: l.party,
      partyKind: l.partyKind,
      contact: l.contact,
      reason: l.reason,
      dueAt,
    });
    const returnedAt = l.returned ? w.time(l.returned) : null;
    if (l.returned && returnedAt !== null) {
      movement(returnedAt, l.returned.by, { itemId, kind: 'return', party: l.party, closesId: id });
    }
    return { id, itemId, quantity: 1, party: l.party, at, dueAt, returnedAt };
  });
  const custody = DEMO_CUSTODY.map((c): RegisterCustody => {
    const itemId = w.itemIds.get(c.item) ?? '';
    const at = w.time(c);
    const id = movement(at, c.by, {
      itemId,
      kind: 'custodyIn',
      quantity: DEMO_ITEMS.find((i) => i.code === c.item)?.quantity ?? 1,
      party: c.party,
      fromParty: c.fromParty,
      contact: c.contact,
      reason: c.reason,
    });
    return { id, itemId, at };
  });
  return { tasks, loans, custody };
}
