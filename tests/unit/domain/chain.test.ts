import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryDigest,
  GENESIS_HASH,
  hashRecord,
  recordHashInput,
  sha256Hex,
  verifyChain,
} from '../../../src/domain/chain';
import type { LogEntry } from '../../../src/domain/entities';
import { HandoverRecord } from '../../../src/domain/handover-entities';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const HEX_A = 'a'.repeat(64);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10"/></svg>';

/** A realistic record (parsed by the schema), with every kind of field: nested objects, arrays, nulls. */
function sample(n: number, prevHash: string): Omit<HandoverRecord, 'hash'> {
  const base = 1_750_000_000_000 + n * 86_400_000;
  const record: Omit<HandoverRecord, 'hash'> = {
    id: id(100 + n),
    siteId: id(1),
    updatedAt: `${String(base).padStart(15, '0')}-0000-dev1`,
    deleted: false,
    kind: 'handover',
    handoverId: id(200 + n),
    correctsId: null,
    outgoingDutyId: id(300 + n),
    outgoingStaffId: id(2),
    incomingStaffId: id(3),
    newDutyId: id(400 + n),
    scheduledAt: base,
    openedAt: base - 900_000,
    joinedAt: base - 300_000,
    signedAt: base + 60_000,
    syncCursor: 1200 + n,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: 'Follow up the leaking tap on 12/F',
    anomalyAnswer: 'Nothing abnormal',
    synthesis: 'Radio R3 missing, key K7 lent to ABC Contractors',
    fitness: 'unfit',
    fitnessNote: 'Smelled of alcohol',
    fitnessAttestedBy: id(2),
    substituteStaffId: id(4),
    substituteApproval: {
      swapRequestId: null,
      chiefStaffId: id(5),
      chiefAt: base + 20_000,
      managerStaffId: id(6),
      managerAt: base + 40_000,
    },
    count: [
      {
        itemId: id(500),
        code: 'R3',
        label: 'Radio 3',
        category: 'radio',
        expected: 1,
        state: 'missing',
        quantity: 0,
        lent: 0,
        borrowers: [],
        explanation: 'Taken by the guard on patrol',
        photoSha256s: [HEX_A],
      },
      {
        itemId: id(501),
        code: 'K7',
        label: 'Plant room key',
        category: 'key',
        expected: 2,
        state: 'present',
        quantity: 1,
        lent: 1,
        borrowers: ['ABC Contractors'],
        explanation: '',
        photoSha256s: [],
      },
    ],
    duty: {
      id: id(300 + n),
      staffId: id(2),
      startedAt: base - 32_400_000,
      endedAt: base + 60_000,
      entries: [{ id: id(600), hash: 'b'.repeat(64) }],
    },
    carried: {
      taskIds: [id(700)],
      acknowledged: [{ taskId: id(701), at: base + 30_000 }],
      majorEntryIds: [],
      overdueLoanIds: [id(702)],
      openLoanIds: [id(702), id(703)],
      custodyIds: [id(704)],
    },
    blockersSeen: [{ code: 'unfit', refs: [] }],
    signatures: [
      { role: 'outgoing', staffId: id(2), signedAt: base + 50_000, svg: SVG },
      { role: 'incoming', staffId: id(4), signedAt: base + 60_000, svg: SVG },
    ],
    note: '',
    prevHash,
  };
  return record;
}

async function chainOf(count: number): Promise<HandoverRecord[]> {
  const out: HandoverRecord[] = [];
  let prev = GENESIS_HASH;
  for (let n = 0; n < count; n++) {
    const r = sample(n, prev);
    const hash = await hashRecord(r);
    out.push(HandoverRecord.parse({ ...r, hash }));
    prev = hash;
  }
  return out;
}

/** Every leaf path of a value (arrays and objects walked; empty ones are leaves). */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length === 0) return [path];
    return keys.flatMap((k) => leafPaths((value as Record<string | number, unknown>)[k], [...path, k]));
  }
  return [path];
}

function altered(value: unknown): unknown {
  if (Array.isArray(value)) return [...value, 'extra'];
  if (value === null) return 'not-null';
  if (typeof value === 'object') return { ...value, extra: 1 };
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  throw new Error(`unexpected ${typeof value}`);
}

function withChange(r: HandoverRecord, path: (string | number)[]): HandoverRecord {
  const copy = structuredClone(r) as unknown as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  at[last] = altered(at[last]);
  return copy as unknown as HandoverRecord;
}

describe('chain (H3 signed records, hash chain)', () => {
  it('sha256Hex hashes strings as UTF-8 and bytes alike', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = new TextEncoder().encode('交接班 abc');
    expect(await sha256Hex(bytes)).toBe(await sha256Hex('交接班 abc'));
    expect(await sha256Hex(bytes.buffer)).toBe(await sha256Hex('交接班 abc'));
  });

  it('GENESIS_HASH is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('hashRecord is stable under key order at every depth', async () => {
    const r = sample(0, GENESIS_HASH);
    const reversed = JSON.parse(JSON.stringify(r), (_k, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse())
        : v,
    ) as typeof r;
    expect(Object.keys(reversed)[0]).toBe('prevHash');
    expect(await hashRecord(reversed)).toBe(await hashRecord(r));
  });

  it('hashRecord leaves out hash, updatedAt and deleted', async () => {
    const r = sample(0, GENESIS_HASH);
    const h = await hashRecord(r);
    expect(await hashRecord({ ...r, updatedAt: '001999999999999-0001-other', deleted: true, hash: HEX_A })).toBe(h);
    expect(recordHashInput(r)).not.toContain('updatedAt');
    expect(h).toBe(await sha256Hex(recordHashInput(r)));
  });

  it('verifyChain accepts a 3-record chain', async () => {
    const chain = await chainOf(3);
    expect(await verifyChain(chain)).toEqual({ ok: true, problems: [] });
    expect(await verifyChain([...chain].reverse())).toEqual({ ok: true, problems: [] });
  });

  it('H3: changing ANY field of a signed record breaks verification (every leaf, nested too)', async () => {
    const chain = await chainOf(3);
    const target = chain[1] as HandoverRecord;
    const paths = leafPaths(target).filter((p) => !['hash', 'updatedAt', 'deleted'].includes(String(p[0])));
    // Every top-level content key is covered, and the nested count, duty, carried, approval and signatures.
    const topKeys = new Set(paths.map((p) => p[0]));
    expect(topKeys.size).toBe(Object.keys(target).length - 3);
    expect(paths).toContainEqual(['count', 0, 'explanation']);
    expect(paths).toContainEqual(['signatures', 1, 'svg']);
    expect(paths).toContainEqual(['duty', 'entries', 0, 'hash']);
    expect(paths).toContainEqual(['substituteApproval', 'managerStaffId']);
    expect(paths).toContainEqual(['syncCursor']);
    for (const path of paths) {
      const changed = withChange(target, path);
      const result = await verifyChain([chain[0], changed, chain[2]] as HandoverRecord[]);
      expect(result.ok, path.join('.')).toBe(false);
      // Changing the id itself is reported under the id the record now carries.
      expect(result.problems, path.join('.')).toContainEqual({ id: changed.id, problem: 'hashMismatch' });
    }
  });

  it('H3: a random change of any field is detected (fast-check, fixed seed)', async () => {
    const chain = await chainOf(2);
    const target = chain[1] as HandoverRecord;
    const paths = leafPaths(target).filter((p) => !['hash', 'updatedAt', 'deleted'].includes(String(p[0])));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.string({ minLength: 1 }), async (path, noise) => {
        const copy = structuredClone(target) as unknown as Record<string | number, unknown>;
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        const last = path[path.length - 1] as string | number;
        const before = JSON.stringify(at[last]);
        at[last] = typeof at[last] === 'string' ? `${at[last] as string}${noise}` : [at[last], noise];
        fc.pre(JSON.stringify(at[last]) !== before);
        const result = await verifyChain([chain[0] as HandoverRecord, copy as unknown as HandoverRecord]);
        return result.problems.some((p) => p.id === copy.id && p.problem === 'hashMismatch');
      }),
      { seed: 20250602, numRuns: 200 },
    );
  });

  it('a re-hashed tampered record breaks the link of the next one', async () => {
    const chain = await chainOf(3);
    const forged = { ...(chain[1] as HandoverRecord), synthesis: 'rewritten later' };
    forged.hash = await hashRecord(forged);
    const result = await verifyChain([chain[0], forged, chain[2]] as HandoverRecord[]);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ id: (chain[2] as HandoverRecord).id, problem: 'unknownPrev' }]);
  });

  it('reports an unknown prevHash', async () => {
    const chain = await chainOf(3);
    const result = await verifyChain([chain[0], chain[2]] as HandoverRecord[]);
    expect(result).toEqual({ ok: false, problems: [{ id: (chain[2] as HandoverRecord).id, problem: 'unknownPrev' }] });
  });

  it('H3: an opening and a closing are chained like a handover; changing their kind breaks the chain', async () => {
    const [first] = await chainOf(1);
    const base = sample(1, (first as HandoverRecord).hash);
    const closing = {
      ...base,
      kind: 'closing' as const,
      incomingStaffId: null,
      newDutyId: null,
      joinedAt: null,
      signatures: base.signatures.slice(0, 1),
    };
    const closed = HandoverRecord.parse({ ...closing, hash: await hashRecord(closing) });
    const opening = {
      ...sample(2, closed.hash),
      kind: 'opening' as const,
      outgoingDutyId: null,
      outgoingStaffId: null,
      duty: null,
      signatures: base.signatures.slice(1),
    };
    const opened = HandoverRecord.parse({ ...opening, hash: await hashRecord(opening) });
    const chain = [first as HandoverRecord, closed, opened];
    expect(await verifyChain(chain)).toEqual({ ok: true, problems: [] });
    const relabelled = { ...opened, kind: 'handover' as const };
    expect((await verifyChain([first as HandoverRecord, closed, relabelled])).problems).toEqual([
      { id: opened.id, problem: 'hashMismatch' },
    ]);
  });

  it('accepts a fork: two records signed offline on the same predecessor', async () => {
    const chain = await chainOf(2);
    const other = { ...sample(1, (chain[0] as HandoverRecord).hash), id: id(999) };
    const fork = HandoverRecord.parse({ ...other, hash: await hashRecord(other) });
    expect((await verifyChain([...chain, fork])).ok).toBe(true);
  });
});

describe('entryDigest (H3, D5: locked entry content)', () => {
  const entry: LogEntry = {
    id: id(600),
    siteId: id(1),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    kind: 'repair',
    severity: 'routine',
    status: 'open',
    cause: 'Tap leaking',
    process: 'Called plumber',
    result: '',
    party: 'Unit 12A',
    contact: '',
    location: '12/F',
    occurredAt: 1_750_000_000_000,
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    dutyId: id(300),
    staffId: id(2),
    recordedAt: 1_750_000_000_000,
    deviceTime: 1_750_000_000_000,
  };

  it('ignores updatedAt/deleted but changes with the content', async () => {
    const d = await entryDigest(entry);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(await entryDigest({ ...entry, updatedAt: '001760000000000-0009-dev2', deleted: true })).toBe(d);
    expect(await entryDigest({ ...entry, cause: 'Tap leaking badly' })).not.toBe(d);
  });
});
