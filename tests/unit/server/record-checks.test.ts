/**
 * What the server checks inside a signed record before it joins the chain (H3, H11): the people's
 * signatures, no override, the draft it hands over, an addendum's tie to the record it corrects,
 * and that the stored record is exactly the content the tablet hashed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncTable } from '../../../src/domain/entities';
import { canonicalJson } from '../../../src/domain/canonical';
import { hashRecord } from '../../../src/domain/chain';
import { countRows, makeTestServer, setupViaApi, type TestServer, storedRow, writeStoredRow } from './helpers';
import { buildRecord, prepareHandover, type HandoverWorld } from './handover-fixtures';
import { as, expectApplied, handoverOp, pushOps } from './tablet-fixtures';
import { rehashed, signingOps, type RecordFields } from './record-fixtures';

let t: TestServer;
let w: HandoverWorld;
/** The records before the handover: the opening that opened the outgoing duty. */
let baseRecords: number;

beforeEach(async () => {
  t = await makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
  baseRecords = await countRows(t.store, 'handoverRecord');
});
afterEach(() => t.dispose());

const putRecord = (record: RecordFields) => w.tablet.ops.op('handoverRecord', 'put', record.id, record);

async function signFirst(): Promise<RecordFields> {
  const record = await buildRecord(w, { signedAt: t.clock.now });
  expectApplied(await pushOps(t, w.tablet, signingOps(w.tablet.ops, record)));
  return record;
}

describe('H3: an addendum is tied to the record it corrects', () => {
  it('H3: an addendum naming another handover, duty or person than its record is refused rule_violation', async () => {
    const first = await signFirst();
    t.clock.now += 3_600_000;
    const keep = { signedAt: t.clock.now, prevHash: first.hash, correctsId: first.id, note: '更正交接內容' };
    const faithful = await buildRecord(w, { ...keep, newDutyId: first.newDutyId });
    const strays: [string, Partial<RecordFields>][] = [
      ['incomingStaffId', { incomingStaffId: w.otherId }],
      ['newDutyId', { newDutyId: crypto.randomUUID() }],
      // The locked duty names its person too (recordShapeError), so only the addendum rule refuses.
      ['outgoingStaffId', { outgoingStaffId: w.chiefId, duty: { ...faithful.duty!, staffId: w.chiefId } }],
    ];
    for (const [field, change] of strays) {
      const stray = await rehashed(faithful, {
        ...change,
        signatures: [
          { ...faithful.signatures[0]!, staffId: change.outgoingStaffId ?? w.outgoingId },
          { ...faithful.signatures[1]!, staffId: change.incomingStaffId ?? w.incomingId },
        ],
      });
      const [result] = await pushOps(t, w.tablet, [putRecord(stray)]);
      expect(result, field).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
      expect(result?.message).toContain('H3: an addendum corrects its record; it cannot hand over another duty');
      expect(result?.message).toContain(field);
    }
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords + 1);

    const [ok] = await pushOps(t, w.tablet, [putRecord(faithful)]);
    expect(ok).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords + 2);
  });

  it("H3: an addendum of a record signed before openings and closings existed (no kind) is a handover's", async () => {
    const first = await signFirst();
    const { siteId, table, id, row, versions, updatedHlc, deleted } = (await storedRow(
      t.store,
      'handoverRecord',
      first.id,
    ))!;
    const { kind: _kind, ...legacy } = row;
    await writeStoredRow<SyncTable>(t.store, { siteId, table, id, row: legacy, versions, updatedHlc, deleted });
    t.clock.now += 60_000;
    const addendum = await buildRecord(w, {
      signedAt: t.clock.now,
      prevHash: first.hash,
      correctsId: first.id,
      newDutyId: first.newDutyId,
      note: '更正：交接時間應為 10:02',
    });
    const [result] = await pushOps(t, w.tablet, [putRecord(addendum)]);
    expect(result).toEqual({ counter: expect.any(Number), status: 'applied' });
  });

  it('H3: an addendum pointing at another draft of the same duty is refused rule_violation', async () => {
    const otherDraft = handoverOp(w.tablet.ops, w.dutyId, w.outgoingId);
    expectApplied(await pushOps(t, w.tablet, [otherDraft]));
    const first = await signFirst();
    const stray = await buildRecord(w, {
      handoverId: otherDraft.rowId,
      signedAt: t.clock.now + 1,
      prevHash: first.hash,
      correctsId: first.id,
      newDutyId: first.newDutyId,
      note: '另一份交接',
    });
    const [result] = await pushOps(t, w.tablet, [putRecord(stray)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation' });
    expect(result?.message).toContain('handoverId');
  });
});

describe('H3: a signed handover carries both signatures, by the two people it names', () => {
  it('H3: signatures by someone else, two of one role, or one person on both sides are refused rule_violation', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const [out, inc] = record.signatures as [RecordFields['signatures'][0], RecordFields['signatures'][0]];
    const variants: Partial<RecordFields>[] = [
      { signatures: [out, { ...inc, staffId: w.otherId }] },
      { signatures: [out, { ...out }] },
      { signatures: [out, { ...inc, role: 'outgoing' }] },
      { incomingStaffId: w.outgoingId, signatures: [out, { ...inc, staffId: w.outgoingId }] },
    ];
    for (const change of variants) {
      const [result] = await pushOps(t, w.tablet, [putRecord(await rehashed(record, change))]);
      expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
      expect(result?.message).toContain('H3');
    }
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
    expect(await t.store.getLock(w.a.siteId, 'duty', w.dutyId)).toBeUndefined();
  });

  it('H3: a new record must hand over the duty and person of its draft, and be of its kind', async () => {
    // A draft naming someone else as the person on duty, and an opening draft (no duty at all).
    const otherDraft = handoverOp(w.tablet.ops, w.dutyId, w.otherId);
    const openingDraft = as(w.tablet.ops, w.incomingId, () => handoverOp(w.tablet.ops, null, null, 'opening'));
    expectApplied(await pushOps(t, w.tablet, [otherDraft, openingDraft]));
    for (const draft of [otherDraft, openingDraft]) {
      const record = await buildRecord(w, { handoverId: draft.rowId, signedAt: t.clock.now });
      const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
      expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
      expect(result?.message).toContain('H3');
      expect(result?.message).toContain(draft.rowId);
    }
    expect(await t.store.getLock(w.a.siteId, 'duty', w.dutyId)).toBeUndefined();
  });
});

describe('H11: there is no override (不得交接班)', () => {
  it('H11: a record carrying an override by a section chief is refused validation_failed, never stored', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const override = { staffId: w.chiefId, role: 'chief', reason: '值班表未更新，主任批准交接', at: t.clock.now };
    const withOverride = await rehashed(record, {
      override,
      blockersSeen: [{ code: 'notRostered', refs: [] }],
    } as Partial<RecordFields>);
    const [result] = await pushOps(t, w.tablet, [putRecord(withOverride)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed', httpStatus: 400 });
    expect(result?.message).toContain('override');
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
    expect(await t.store.getLock(w.a.siteId, 'duty', w.dutyId)).toBeUndefined();
  });

  it('H11: a record whose blocker still holds is refused whoever signs it: a chief taking over changes nothing', async () => {
    // The outgoing person leaves an emergency open; the section chief steps in as the incoming person.
    const emergency = w.tablet.ops.putLogEntry(w.dutyId, {
      staffId: w.outgoingId,
      kind: 'emergency',
      severity: 'emergency',
      process: '已通知消防處',
    });
    expectApplied(await pushOps(t, w.tablet, [emergency]));
    const record = await buildRecord(w, {
      signedAt: t.clock.now,
      incomingStaffId: w.chiefId,
      blockersSeen: [{ code: 'majorOpen', refs: [emergency.rowId] }],
    });
    const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'gate_blocked', httpStatus: 409 });
    expect(result?.message).toContain(`majorOpen (${emergency.rowId})`);
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
  });
});

describe('H3: the server stores a record exactly as the tablet hashed it', () => {
  it('H3: a restatement with surrounding spaces keeps its hash and is stored byte-identical', async () => {
    const synthesis = '  鎖匙齊全，垃圾房鎖匙已歸還  ';
    const record = await buildRecord(w, { signedAt: t.clock.now, fields: { synthesis } });
    // The tablet's hash: the domain's hashRecord over the raw record it sends.
    expect(record.hash).toBe(await hashRecord(record));
    const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(result).toEqual({ counter: expect.any(Number), status: 'applied' });
    const stored = (await storedRow(t.store, 'handoverRecord', record.id))?.row;
    const { updatedAt: _u, deleted: _d, ...content } = stored ?? {};
    expect(canonicalJson(content)).toBe(canonicalJson(record));
    expect(stored?.['synthesis']).toBe(synthesis);
  });

  it('H3: a record with a nested field the schema would drop is refused validation_failed, not stored altered', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const count = record.count.map((line) => ({ ...line, note: '不屬於記錄的欄位' }));
    const extended = await rehashed(record, { count } as Partial<RecordFields>);
    const [result] = await pushOps(t, w.tablet, [putRecord(extended)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed', httpStatus: 400 });
    expect(result?.message).toContain('exactly as signed');
    expect(await countRows(t.store, 'handoverRecord')).toBe(baseRecords);
  });
});
