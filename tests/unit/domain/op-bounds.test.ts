/**
 * Issue 9 §5: the `Op` schema's bounds (op-bounds.ts) refuse hostile shapes yet fit every
 * legitimate row: the widest and largest rows of `*entities*.ts` pass, field names included.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS, LogEntry } from '../../../src/domain/entities';
import { HandoverRecord } from '../../../src/domain/handover-entities';
import { formatHlc } from '../../../src/domain/hlc';
import { boundsIssue, FIELD_NAME_PATTERN, isFieldName, OP_BOUNDS } from '../../../src/domain/op-bounds';
import { Op, type OpKind, type WritableTable } from '../../../src/domain/sync-protocol';

const T = Date.UTC(2026, 0, 15, 2);
const uuid = () => crypto.randomUUID();
const sha = (n: number) => n.toString(16).padStart(64, '0');
const DEVICE = uuid();
const SITE = uuid();

function opOf(table: WritableTable, kind: OpKind, fields: Record<string, unknown>): unknown {
  return {
    deviceId: DEVICE,
    counter: 1,
    table,
    rowId: String(fields['id']),
    kind,
    fields,
    baseVersion: {},
    hlc: formatHlc({ wallMs: T, counter: 0, node: DEVICE }),
    deviceTime: T,
    actorStaffId: uuid(),
  };
}

/** A signature as signature_pad writes it, padded to the schema's maximum of 200,000 characters. */
function signature(role: 'outgoing' | 'incoming') {
  const head = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 200"><path d="';
  const tail = '" stroke="black" fill="none"/></svg>';
  const strokes = 'M 10.25 20.50 C 30.75 40.00 50.25 60.50 70.75 80.00 '.repeat(4000);
  return { role, staffId: uuid(), signedAt: T, svg: `${head}${strokes}`.slice(0, 200_000 - tail.length) + tail };
}

/** The largest signed record a busy desk makes: 1,000 items counted, 2,000 entries, two signatures. */
function largestRecord(): Record<string, unknown> {
  return {
    id: uuid(),
    siteId: SITE,
    kind: 'handover',
    handoverId: uuid(),
    correctsId: null,
    outgoingDutyId: uuid(),
    outgoingStaffId: uuid(),
    incomingStaffId: uuid(),
    newDutyId: uuid(),
    scheduledAt: T,
    openedAt: T,
    joinedAt: T,
    signedAt: T,
    syncCursor: 123_456,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '記錄已覆核'.repeat(400),
    anomalyAnswer: '沒有異常'.repeat(500),
    synthesis: '交接順利'.repeat(75),
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
    count: Array.from({ length: 1000 }, (_, i) => ({
      itemId: uuid(),
      code: `K-${i}`,
      label: `鎖匙 ${i} 號（大堂匙箱）`,
      category: 'key',
      expected: 3,
      state: 'present',
      quantity: 1,
      lent: 2,
      borrowers: ['12樓 A室 陳先生', '清潔公司 李小姐'],
      explanation: '兩條借出，已登記',
      photoSha256s: [sha(i), sha(i + 1)],
    })),
    duty: {
      id: uuid(),
      staffId: uuid(),
      startedAt: T - 8 * 3_600_000,
      endedAt: T,
      entries: Array.from({ length: 2000 }, (_, i) => ({ id: uuid(), hash: sha(i) })),
    },
    carried: {
      taskIds: Array.from({ length: 200 }, uuid),
      acknowledged: Array.from({ length: 200 }, () => ({ taskId: uuid(), at: T })),
      majorEntryIds: Array.from({ length: 100 }, uuid),
      overdueLoanIds: Array.from({ length: 100 }, uuid),
      openLoanIds: Array.from({ length: 300 }, uuid),
      custodyIds: Array.from({ length: 100 }, uuid),
    },
    blockersSeen: Array.from({ length: 20 }, () => ({ code: 'openLoan', refs: Array.from({ length: 10 }, uuid) })),
    signatures: [signature('outgoing'), signature('incoming')],
    note: '',
    prevHash: sha(1),
    hash: sha(2),
  };
}

/** A long entry typed in Chinese: every text at its schema maximum. */
function longCjkEntry(): Record<string, unknown> {
  return {
    id: uuid(),
    siteId: SITE,
    dutyId: uuid(),
    staffId: uuid(),
    kind: 'repair',
    severity: 'major',
    status: 'open',
    cause: '升降機故障'.repeat(400),
    process: '已通知承辦商維修'.repeat(500),
    result: '',
    party: '十二樓甲室租戶'.repeat(10),
    contact: '',
    location: '大堂',
    occurredAt: T - 60_000,
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    recordedAt: T,
    deviceTime: T,
  };
}

describe('issue 9 §5: every legitimate row fits the Op bounds', () => {
  it('every field name of every entity matches the field-name pattern', () => {
    for (const schema of Object.values(ENTITY_SCHEMAS)) {
      for (const key of Object.keys(schema.shape)) expect(isFieldName(key), key).toBe(true);
    }
  });

  it('the largest signed record (two 200,000-character signatures, 1,000 items, 2,000 entries) passes', () => {
    const record = largestRecord();
    expect(
      HandoverRecord.safeParse({
        ...record,
        updatedAt: formatHlc({ wallMs: T, counter: 0, node: 'x' }),
        deleted: false,
      }).success,
    ).toBe(true);
    const result = Op.safeParse(opOf('handoverRecord', 'put', record));
    expect(result.error?.issues).toBeUndefined();
  });

  it('a long CJK entry at its text limits passes', () => {
    const entry = longCjkEntry();
    expect(
      LogEntry.safeParse({ ...entry, updatedAt: formatHlc({ wallMs: T, counter: 0, node: 'x' }), deleted: false })
        .success,
    ).toBe(true);
    expect(Op.safeParse(opOf('logEntry', 'put', entry)).success).toBe(true);
  });
});

describe('issue 9 §5: hostile shapes are out of bounds', () => {
  it('names: the pattern, length and the prototype keys', () => {
    expect(FIELD_NAME_PATTERN.test('cause')).toBe(true);
    for (const bad of ['__proto__', 'constructor', 'prototype', 'a-b', 'a.b', '', '1a', 'x'.repeat(65), '名字']) {
      expect(isFieldName(bad), bad).toBe(false);
    }
  });

  it('depth, string length, array length, key count, value count and non-finite numbers', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 8; i++) deep = [deep];
    expect(boundsIssue({ a: deep })).toEqual({ path: 'a.0.0.0.0.0.0.0', code: 'too_deep', limit: OP_BOUNDS.maxDepth });
    expect(boundsIssue({ a: 'x'.repeat(OP_BOUNDS.maxStringChars + 1) })).toMatchObject({ path: 'a', code: 'too_long' });
    expect(boundsIssue({ a: new Array(OP_BOUNDS.maxArrayItems + 1).fill(0) })).toMatchObject({
      code: 'too_many_items',
    });
    const wide = Object.fromEntries(Array.from({ length: OP_BOUNDS.maxFieldKeys + 1 }, (_, i) => [`f${i}`, 1]));
    expect(boundsIssue(wide)).toMatchObject({ code: 'too_many_keys' });
    const many = Array.from({ length: 20 }, () => new Array(OP_BOUNDS.maxArrayItems).fill(0));
    expect(boundsIssue({ a: many })).toMatchObject({ code: 'too_many_values', limit: OP_BOUNDS.maxNodes });
    expect(boundsIssue({ a: { b: Number.POSITIVE_INFINITY } })).toEqual({ path: 'a.b', code: 'not_finite' });
    expect(boundsIssue({ a: JSON.parse('{"constructor": 1}') as unknown })).toEqual({
      path: 'a.constructor',
      code: 'forbidden_key',
    });
    expect(boundsIssue({ a: { ['k'.repeat(129)]: 1 } })).toMatchObject({
      code: 'too_long',
      limit: OP_BOUNDS.maxKeyChars,
    });
  });

  it('an op with a `__proto__` field or a bad baseVersion key is refused by the schema, not silently emptied', () => {
    const entry = longCjkEntry();
    const proto = opOf('logEntry', 'patch', entry) as { fields: Record<string, unknown>; baseVersion: unknown };
    proto.fields = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Op.safeParse(proto).success).toBe(false);
    const base = opOf('logEntry', 'patch', { id: entry['id'], cause: 'x' }) as { baseVersion: unknown };
    base.baseVersion = JSON.parse('{"__proto__": 1}') as unknown;
    expect(Op.safeParse(base).success).toBe(false);
  });
});
