/**
 * A building ready for a handover, for the handover data-layer tests: people, a register of items,
 * the incoming person's rostered shift, the outgoing person's open duty and a controllable clock.
 * The duty is written by the test fixture (duty-fixture.ts), as if opened by an earlier record.
 * Rows the tablet would have pulled (staff, items, rota, loans) are put straight into Dexie.
 */
import 'fake-indexeddb/auto';
import type { Item, LogEntryFields, Role } from '../../../src/domain/entities';
import type { Signature } from '../../../src/domain/handover-entities';
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import type { ItemMovement } from '../../../src/domain/item-entities';
import { startDuty } from './duty-fixture';
import { createLogEntry } from '../../../src/client/db/repos/log-repo';
import { markAllPresent } from '../../../src/client/db/repos/count-repo';
import { joinHandover } from '../../../src/client/db/repos/desk-repo';
import { openHandover, updateHandover } from '../../../src/client/db/repos/handover-repo';
import type { SignInput } from '../../../src/client/db/repos/sign-repo';
import { makeWriteContext, type WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { enrolledDb, fields, T0, typedPin } from './helpers';

export const HOUR = 3_600_000;
/** The outgoing shift ends (the scheduled change) 8 hours after T0. */
export const CHANGE_AT = T0 + 8 * HOUR;
const PULLED = formatHlc({ wallMs: T0 - HOUR, counter: 0, node: 'server' });
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M1 1L20 20"/></svg>';

/** A row as the tablet holds it after a pull. */
function pulled<T extends object>(
  row: T,
): T & { updatedAt: string; deleted: false; _versions: Record<string, number> } {
  return { ...row, updatedAt: PULLED, deleted: false, _versions: {} };
}

export async function putStaff(db: HandoverDb, siteId: string, id: string, name: string, role: Role): Promise<void> {
  const pinHash = {
    alg: 'PBKDF2-SHA256' as const,
    iterations: 1000,
    salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
    hash: 'a'.repeat(44),
  };
  await db.staff.put(pulled({ id, siteId, name, role, pinHash, active: true }));
  // Issue 9: as if the person had typed their PIN on this tablet (their ops are signed).
  typedPin(id);
}

export async function putItem(
  db: HandoverDb,
  siteId: string,
  over: Partial<Item> & Pick<Item, 'category' | 'code'>,
): Promise<Item> {
  const row = pulled({
    id: newId(),
    siteId,
    label: `Item ${over.code}`,
    expectedQuantity: 1,
    location: 'Desk',
    active: true,
    ...over,
  });
  await db.item.put(row);
  return row;
}

export async function putMovement(
  db: HandoverDb,
  siteId: string,
  staffId: string,
  over: Partial<ItemMovement> & Pick<ItemMovement, 'itemId' | 'kind'>,
): Promise<ItemMovement> {
  const row = pulled({
    id: newId(),
    siteId,
    quantity: 1,
    party: 'ACME Lifts',
    partyKind: over.kind === 'lend' ? ('contractor' as const) : null,
    fromParty: '',
    contact: '9123 4567',
    reason: '',
    checkedHow: '',
    dueAt: null,
    closesId: null,
    occurredAt: T0,
    staffId,
    dutyId: null,
    recordedAt: T0,
    deviceTime: T0,
    ...over,
  });
  await db.itemMovement.put(row);
  return row;
}

/** `staffId` rostered on the shift starting at `startsAt` (8 hours long). */
export async function putRota(db: HandoverDb, siteId: string, staffId: string, startsAt: number): Promise<void> {
  const day = new Date(startsAt).toISOString().slice(0, 10);
  await db.rotaShift.put(
    pulled({ id: newId(), siteId, staffId, day, shiftId: 'evening', startsAt, endsAt: startsAt + 8 * HOUR, note: '' }),
  );
}

export function signature(role: Signature['role'], staffId: string, at: number, svg = SVG): Signature {
  return { role, staffId, signedAt: at, svg };
}

export async function building() {
  const e = await enrolledDb();
  const { db, siteId } = e;
  const people = {
    outgoing: e.staffId,
    incoming: newId(),
    chief: newId(),
    manager: newId(),
    other: newId(),
    next: newId(),
  };
  await putStaff(db, siteId, people.outgoing, 'Chan Tai Man', 'desk');
  await putStaff(db, siteId, people.incoming, 'Lee Siu Ming', 'desk');
  await putStaff(db, siteId, people.chief, 'Wong Ka Yan', 'chief');
  await putStaff(db, siteId, people.manager, 'Leung Mei Ling', 'manager');
  await putStaff(db, siteId, people.other, 'Ho Wing', 'desk');
  await putStaff(db, siteId, people.next, 'Cheung Mei', 'desk');
  const items = {
    radio: await putItem(db, siteId, { category: 'radio', code: 'R1', label: 'Radio', expectedQuantity: 2 }),
    key: await putItem(db, siteId, { category: 'key', code: 'K1', label: 'Plant room key' }),
    key2: await putItem(db, siteId, { category: 'key', code: 'K2', label: 'Roof key' }),
    book: await putItem(db, siteId, { category: 'recordBook', code: 'B1', label: 'Duty record book' }),
  };
  await putRota(db, siteId, people.incoming, CHANGE_AT);
  const clock = { now: T0 };
  const ctx = await makeWriteContext(db, people.outgoing, () => clock.now);
  const duty = await startDuty(db, ctx, { shiftId: 'day' });
  return { ...e, people, items, clock, ctx, duty };
}

export type Building = Awaited<ReturnType<typeof building>>;

/** The incoming person's own write context (they joined with their PIN: H1, H7, H8). */
export async function incomingCtx(b: Building, staffId = b.people.incoming): Promise<WriteContext> {
  return makeWriteContext(b.db, staffId, () => b.clock.now);
}

/**
 * Opens the handover at the end of the shift and completes it up to the signatures: the outgoing
 * person's preparation (H2, H10), the incoming person's join (H1) and fitness (H11(d)), and the
 * count, tapped by the incoming person (H8).
 */
export async function preparedHandover(
  b: Building,
  opts: { ctx?: WriteContext; dutyId?: string; incoming?: string } = {},
) {
  const { ctx = b.ctx, dutyId = b.duty.id, incoming: joiner = b.people.incoming } = opts;
  b.clock.now = Math.max(b.clock.now, CHANGE_AT - 10 * 60_000);
  const handover = await openHandover(b.db, ctx, {
    outgoingDutyId: dutyId,
    scheduledAt: b.clock.now + 10 * 60_000,
    kind: 'handover',
  });
  await updateHandover(b.db, ctx, handover.id, {
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    anomalyAnswer: 'Nothing abnormal',
  });
  const incoming = await incomingCtx(b, joiner);
  const joined = await joinHandover(b.db, incoming, handover.id);
  if (!joined.ok) throw new Error(`join refused: ${joined.errors}`);
  await updateHandover(b.db, ctx, handover.id, { fitness: 'fit' });
  const items = await b.db.item.toArray();
  await markAllPresent(b.db, incoming, { handoverId: handover.id, itemIds: items.map((i) => i.id) });
  return handover;
}

/** Both signatures for the handover, the outgoing person's and `incoming`'s (the incoming person by default). */
export function signInput(
  b: Building,
  handoverId: string,
  over: Partial<SignInput> & { incoming?: string } = {},
): SignInput {
  const { incoming = b.people.incoming, ...rest } = over;
  return {
    handoverId,
    signatures: [signature('outgoing', b.people.outgoing, b.clock.now), signature('incoming', incoming, b.clock.now)],
    blockersSeen: [],
    ...rest,
  };
}

export async function logEntry(db: HandoverDb, ctx: WriteContext, dutyId: string, over: Partial<LogEntryFields> = {}) {
  const r = await createLogEntry(db, ctx, { dutyId, fields: fields({ occurredAt: T0, ...over }) });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
