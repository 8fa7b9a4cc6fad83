/**
 * What the server checks inside a signed record before it joins the chain (H3, H11): both people's
 * signatures, the override, the draft it hands over, an addendum's tie to the record it corrects,
 * and that the stored record is exactly the content the tablet hashed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical';
import { hashRecord } from '../../../src/domain/chain';
import { countRows, makeTestServer, setupViaApi, type TestServer } from './helpers';
import {
  buildRecord,
  expectApplied,
  handoverOp,
  prepareHandover,
  pushOps,
  signingOps,
  type HandoverWorld,
  type RecordFields,
} from './handover-fixtures';

let t: TestServer;
let w: HandoverWorld;

beforeEach(async () => {
  t = makeTestServer();
  w = await prepareHandover(t, await setupViaApi(t));
});
afterEach(() => t.dispose());

const putRecord = (record: RecordFields) => w.tablet.ops.op('handoverRecord', 'put', record.id, record);

/** `record` with `changes`, hashed again as a tablet would (so only the rule under test refuses it). */
async function rehashed(record: RecordFields, changes: Partial<RecordFields>): Promise<RecordFields> {
  const { hash: _old, ...content } = { ...record, ...changes };
  return { ...content, hash: await hashRecord(content) };
}

async function signFirst(): Promise<RecordFields> {
  const record = await buildRecord(w, { signedAt: t.clock.now });
  expectApplied(await pushOps(t, w.tablet, signingOps(w, w.tablet.ops, record)));
  return record;
}

const OVERRIDE_BLOCKERS = [{ code: 'notRostered', refs: [] }];

describe('H3: an addendum is tied to the record it corrects', () => {
  it('H3: an addendum naming another handover, duty or person than its record is refused rule_violation', async () => {
    const first = await signFirst();
    t.clock.now += 3_600_000;
    const keep = { signedAt: t.clock.now, prevHash: first.hash, correctsId: first.id, note: '更正交接內容' };
    const faithful = await buildRecord(w, { ...keep, newDutyId: first.newDutyId });
    const strays: [string, Partial<RecordFields>][] = [
      ['incomingStaffId', { incomingStaffId: w.otherId }],
      ['newDutyId', { newDutyId: crypto.randomUUID() }],
      ['outgoingStaffId', { outgoingStaffId: w.chiefId }],
    ];
    for (const [field, change] of strays) {
      const stray = await rehashed(faithful, {
        ...change,
        signatures: [
          { ...faithful.signatures[0]!, staffId: change.outgoingStaffId ?? faithful.outgoingStaffId },
          { ...faithful.signatures[1]!, staffId: change.incomingStaffId ?? faithful.incomingStaffId },
        ],
      });
      const [result] = await pushOps(t, w.tablet, [putRecord(stray)]);
      expect(result, field).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
      expect(result?.message).toContain('H3: an addendum corrects its record; it cannot hand over another duty');
      expect(result?.message).toContain(field);
    }
    expect(countRows(t.store, 'handoverRecord')).toBe(1);

    const [ok] = await pushOps(t, w.tablet, [putRecord(faithful)]);
    expect(ok).toEqual({ counter: expect.any(Number), status: 'applied' });
    expect(countRows(t.store, 'handoverRecord')).toBe(2);
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

describe('H3: a signed record carries both signatures, by the two people it names', () => {
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
    expect(countRows(t.store, 'handoverRecord')).toBe(0);
    expect(t.store.getLock('duty', w.dutyId)).toBeUndefined();
  });

  it('H3: a new record must hand over the duty and person of its draft', async () => {
    const otherDuty = w.tablet.ops.putDuty(w.otherId);
    const otherDraft = handoverOp(w.tablet.ops, otherDuty.rowId, w.otherId);
    expectApplied(await pushOps(t, w.tablet, [otherDuty, otherDraft]));
    const record = await buildRecord(w, { handoverId: otherDraft.rowId, signedAt: t.clock.now });
    const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
    expect(result?.message).toContain('H3');
    expect(result?.message).toContain(otherDraft.rowId);
    expect(t.store.getLock('duty', w.dutyId)).toBeUndefined();
  });
});

describe('H11: the override of a signed record', () => {
  const override = (staffId: string, role: 'chief' | 'manager', reason = '值班表未更新，主任批准交接') => ({
    staffId,
    role,
    reason,
    at: t.clock.now,
    blockers: OVERRIDE_BLOCKERS,
  });

  it('H11: an override by an active section chief with a reason over a blocker is accepted', async () => {
    const record = await buildRecord(w, {
      signedAt: t.clock.now,
      override: override(w.chiefId, 'chief'),
      blockersSeen: OVERRIDE_BLOCKERS,
    });
    const results = await pushOps(t, w.tablet, signingOps(w, w.tablet.ops, record));
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  });

  it('H11: an override by a desk person, under a role the person does not have, or over nothing is refused', async () => {
    const refused = [
      override(w.otherId, 'chief'),
      override(w.chiefId, 'manager'),
      { ...override(w.chiefId, 'chief'), blockers: [] },
    ];
    for (const o of refused) {
      const record = await buildRecord(w, { signedAt: t.clock.now, override: o });
      const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
      expect(result).toMatchObject({ status: 'rejected', code: 'rule_violation', httpStatus: 403 });
      expect(result?.message).toContain('H11');
    }
    expect(countRows(t.store, 'handoverRecord')).toBe(0);
  });
});

describe('H3: the server stores a record exactly as the tablet hashed it', () => {
  it('H3, H11: an override reason with surrounding spaces keeps its hash and is stored byte-identical', async () => {
    const reason = '  值班表未更新，主任批准交接  ';
    const record = await buildRecord(w, {
      signedAt: t.clock.now,
      override: {
        staffId: w.chiefId,
        role: 'chief',
        reason,
        at: t.clock.now,
        blockers: OVERRIDE_BLOCKERS,
      },
    });
    // The tablet's hash: the domain's hashRecord over the raw record it sends.
    expect(record.hash).toBe(await hashRecord(record));
    const [result] = await pushOps(t, w.tablet, [putRecord(record)]);
    expect(result).toEqual({ counter: expect.any(Number), status: 'applied' });
    const stored = t.store.getRow('handoverRecord', record.id)?.row;
    const { updatedAt: _u, deleted: _d, ...content } = stored ?? {};
    expect(canonicalJson(content)).toBe(canonicalJson(record));
    expect((stored?.['override'] as { reason: string }).reason).toBe(reason);
  });

  it('H3: a record with a nested field the schema would drop is refused validation_failed, not stored altered', async () => {
    const record = await buildRecord(w, { signedAt: t.clock.now });
    const count = record.count.map((line) => ({ ...line, note: '不屬於記錄的欄位' }));
    const extended = await rehashed(record, { count } as Partial<RecordFields>);
    const [result] = await pushOps(t, w.tablet, [putRecord(extended)]);
    expect(result).toMatchObject({ status: 'rejected', code: 'validation_failed', httpStatus: 400 });
    expect(result?.message).toContain('exactly as signed');
    expect(countRows(t.store, 'handoverRecord')).toBe(0);
  });
});
