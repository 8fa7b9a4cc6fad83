/**
 * Fixtures for the handover tests (H3, H8, H11, S1): a building with desk staff, a chief and a
 * manager, an item, a rota (the outgoing person's shift ends at CHANGE_AT, the incoming person's
 * begins), the outgoing person's duty opened by a signed opening of the desk, an entry, and a
 * handover draft with a count line. Everything pushed and applied through the real server.
 */
import type { SetupResponse } from '../../../src/domain/api';
import type { LogEntry } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import type { PushResult } from '../../../src/domain/sync-protocol';
import { OpBuilder, T0, itemFields, maxSeq, type TestServer, storedRow } from './helpers';
import { presentLine, signedRecord, signingOps, type RecordFields, type RecordInput } from './record-fixtures';
import {
  as,
  countLineOp,
  expectApplied,
  handoverOp,
  pushOps,
  rotaOp,
  secondTablet,
  addStaff,
  type Tablet,
} from './tablet-fixtures';

export const HOUR = 3_600_000;
/** The outgoing person's shift ends and the incoming person's begins (10:00 in Hong Kong). */
export const CHANGE_AT = T0;
/** When the outgoing person opened the desk (their shift began at CHANGE_AT - 10 h). */
export const OPENED_AT = T0 - 2 * HOUR;

export interface HandoverWorld {
  t: TestServer;
  a: SetupResponse;
  tablet: Tablet;
  outgoingId: string;
  incomingId: string;
  /** A third desk person, not rostered (the handover_taken and substitute cases). */
  otherId: string;
  chiefId: string;
  managerId: string;
  itemId: string;
  itemCode: string;
  /** The incoming person's rota shift, from CHANGE_AT. */
  incomingShiftId: string;
  dutyId: string;
  dutyStartedAt: number;
  /** The opening record that opened the outgoing duty. */
  opening: RecordFields;
  entry: Omit<LogEntry, 'updatedAt' | 'deleted'>;
  handoverId: string;
}

/**
 * H3, S1: `staffId` opens the desk on `tablet` now: the opening draft, its count of `items`, the
 * signed opening record and the new duty. Returns the record and the push results.
 */
export async function openDesk(
  t: TestServer,
  tablet: Tablet,
  staffId: string,
  items: { id: string; code: string }[],
  fields: Partial<RecordFields> = {},
): Promise<{ record: RecordFields; results: PushResult[] }> {
  const ops = tablet.ops;
  const draft = as(ops, staffId, () => handoverOp(ops, null, null, 'opening'));
  const lines = items.map((i) =>
    as(ops, staffId, () => countLineOp(ops, { handoverId: draft.rowId, itemId: i.id, staffId })),
  );
  expectApplied(await pushOps(t, tablet, [draft, ...lines]));
  const record = await signedRecord({
    kind: 'opening',
    siteId: ops.siteId,
    handoverId: draft.rowId,
    outgoing: null,
    incomingStaffId: staffId,
    signedAt: t.clock.now,
    syncCursor: await maxSeq(t.store),
    count: items.map((i) => presentLine(i.id, i.code)),
    prevHash: await lastHash(t, ops.siteId),
    fields,
  });
  const results = await pushOps(
    t,
    tablet,
    as(ops, staffId, () => signingOps(ops, record)),
  );
  return { record, results };
}

/**
 * A duty to write on, for tests about something else: `staffId` is rostered now and opens the desk
 * (with nothing to count) on a second tablet, so the first tablet's counters stay untouched.
 */
export async function dutyOpenedElsewhere(t: TestServer, a: SetupResponse, staffId: string): Promise<string> {
  const now = t.clock.now;
  // An hour ago, so the entries written now (occurred a minute ago) fall within the duty (T1); the
  // second tablet's clock still only moves forward.
  t.clock.now = now - HOUR;
  const back = await secondTablet(t, a, a.adminStaffId);
  const shift = rotaOp(back.ops, staffId, now - 2 * HOUR, now + 8 * HOUR);
  expectApplied(await pushOps(t, back, [shift]));
  const { record, results } = await openDesk(t, back, staffId, []);
  t.clock.now = now;
  expectApplied(results);
  return String(record.newDutyId);
}

/** The versions of a stored draft, as a tablet that pulled it bases its signing patch on them. */
export async function draftVersions(t: TestServer, handoverId: string): Promise<Record<string, number>> {
  return (await storedRow(t.store, 'handover', handoverId))?.versions ?? {};
}

/** The hash of the building's newest signed record, or GENESIS_HASH (what a tablet chains on). */
export async function lastHash(t: TestServer, siteId: string): Promise<string | undefined> {
  const records = await t.store.listRows(siteId, 'handoverRecord');
  return records.at(-1)?.row.hash;
}

/**
 * The building at the end of the outgoing person's shift: staff, a key, the rota, the outgoing
 * person's duty (opened at OPENED_AT) with one entry, and a handover draft whose count says the
 * key is present. The clock is left at CHANGE_AT.
 */
export async function prepareHandover(t: TestServer, a: SetupResponse): Promise<HandoverWorld> {
  // The tablet's clock only moves forward (T1: an op stamped before the previous one is flagged).
  t.clock.now = OPENED_AT - 10 * 60_000;
  const ops = new OpBuilder(a.deviceId, a.siteId, a.adminStaffId, () => t.clock.now);
  const tablet: Tablet = { deviceId: a.deviceId, token: a.token, ops };
  const staff: string[] = [];
  for (const [role, name] of [
    ['desk', '陳小玲'],
    ['desk', '李大明'],
    ['desk', '張志強'],
    ['chief', '王主任'],
    ['manager', '梁經理'],
  ] as const)
    staff.push(await addStaff(t, ops, role, name));
  const ids = staff as [string, string, string, string, string];
  const [outgoingId, incomingId, otherId, chiefId, managerId] = ids;
  const itemId = newId();
  const item = itemFields(a.siteId, itemId);
  const itemOp = ops.op('item', 'put', itemId, item);
  const rota = [
    rotaOp(ops, outgoingId, CHANGE_AT - 10 * HOUR, CHANGE_AT),
    rotaOp(ops, incomingId, CHANGE_AT, CHANGE_AT + 8 * HOUR),
  ];
  expectApplied(await pushOps(t, tablet, [itemOp, ...rota]));

  t.clock.now = OPENED_AT;
  const itemCode = String(item['code']);
  const { record: opening, results } = await openDesk(t, tablet, outgoingId, [{ id: itemId, code: itemCode }]);
  expectApplied(results);
  const dutyId = String(opening.newDutyId);
  t.clock.now = CHANGE_AT - 20 * 60_000;

  ops.actorStaffId = outgoingId;
  const entry = ops.putLogEntry(dutyId, { staffId: outgoingId, process: '已轉介管理處' });
  const handover = handoverOp(ops, dutyId, outgoingId);
  const line = countLineOp(ops, { handoverId: handover.rowId, itemId, staffId: outgoingId });
  expectApplied(await pushOps(t, tablet, [entry, handover, line]));
  t.clock.now = CHANGE_AT;
  return {
    t,
    a,
    tablet,
    outgoingId,
    incomingId,
    otherId,
    chiefId,
    managerId,
    itemId,
    itemCode,
    incomingShiftId: rota[1]!.rowId,
    dutyId,
    dutyStartedAt: OPENED_AT,
    opening,
    entry: entry.fields as Omit<LogEntry, 'updatedAt' | 'deleted'>,
    handoverId: handover.rowId,
  };
}

/**
 * A signed record of `w`'s handover (or, with `kind: 'closing'`, of closing its duty), hashed as
 * the tablet does, by a tablet that had pulled everything (`syncCursor`: the building's newest row).
 */
export async function buildRecord(
  w: HandoverWorld,
  opts: Partial<Omit<RecordInput, 'signedAt'>> & { signedAt: number },
): Promise<RecordFields> {
  const closing = opts.kind === 'closing';
  return signedRecord({
    siteId: w.a.siteId,
    handoverId: w.handoverId,
    outgoing: { dutyId: w.dutyId, staffId: w.outgoingId, startedAt: w.dutyStartedAt, entries: [w.entry] },
    incomingStaffId: closing ? null : w.incomingId,
    syncCursor: await maxSeq(w.t.store),
    count: [presentLine(w.itemId, w.itemCode)],
    prevHash: await lastHash(w.t, w.a.siteId),
    ...opts,
  });
}
