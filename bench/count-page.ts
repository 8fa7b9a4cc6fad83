/**
 * The page side of the count-latency bench, bundled by bench/count-latency.ts and run in Chromium:
 * a tablet with 300 items, its person signed in with their PIN (which gives the proof key their
 * ops are signed with) and an open handover, then every item tapped present through the real
 * repository (row + outbox op + follow-up check in one IndexedDB transaction), against a raw Dexie
 * `put` of a row of the same shape in the same database, in the same page.
 */
import { formatHlc } from '../src/domain/hlc';
import { hashPinV2 } from '../src/domain/pin';
import { newId } from '../src/domain/ids';
import { openHandoverDb } from '../src/client/db/open';
import { recordCountTap } from '../src/client/db/repos/count-repo';
import { saveEnrolment } from '../src/client/db/repos/device-repo';
import { startDuty } from '../tests/unit/client/duty-fixture';
import { openHandover } from '../src/client/db/repos/handover-repo';
import { signInWithPin } from '../src/client/db/repos/pin-repo';
import { makeWriteContext } from '../src/client/db/repos/write-context';

export interface CountBenchResult {
  items: number;
  tapMs: number[];
  rawPutMs: number[];
}

const PIN = '246813';

async function run(items: number): Promise<CountBenchResult> {
  const db = openHandoverDb(`bench-${newId()}`);
  const siteId = newId();
  const deviceId = newId();
  const staffId = newId();
  const now = Date.now();
  const hlc = formatHlc({ wallMs: now, counter: 0, node: 'bench' });
  await saveEnrolment(db, { siteId, deviceId, token: 't'.repeat(40), serverTime: now }, 'Bench desk', now);
  await db.site.put({
    id: siteId,
    siteId,
    updatedAt: hlc,
    deleted: false,
    _versions: {},
    name: 'Bench Tower',
    timeZone: 'Asia/Hong_Kong',
    shifts: [{ id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' }],
    incomingLeadMinutes: 5,
    outgoingLeadMinutes: 15,
    retentionDays: 730,
    idleSignOutMinutes: 15,
    localWindowDays: 90,
  });
  // Issue 9 §3: a real PIN hash, so signing in gives the proof key every op is signed with.
  const { pinHash } = await hashPinV2(PIN);
  await db.staff.put({
    id: staffId,
    siteId,
    updatedAt: hlc,
    deleted: false,
    _versions: {},
    name: 'Bench',
    role: 'desk',
    pinHash,
    active: true,
  });
  const categories = ['radio', 'key', 'showflatKey', 'officeEquipment', 'commEquipment', 'document'] as const;
  await db.item.bulkPut(
    Array.from({ length: items }, (_, i) => ({
      id: newId(),
      siteId,
      updatedAt: hlc,
      deleted: false,
      _versions: {},
      category: categories[i % categories.length] ?? 'key',
      label: `Item ${i + 1}`,
      code: `B-${String(i + 1).padStart(4, '0')}`,
      expectedQuantity: 1,
      location: 'Desk',
      active: true,
    })),
  );
  const signedIn = await signInWithPin(db, staffId, PIN, Date.now());
  if (!signedIn.ok) throw new Error(`bench sign-in refused: ${signedIn.reason}`);
  const ctx = await makeWriteContext(db, staffId);
  const duty = await startDuty(db, ctx, { shiftId: 'day' });
  const handover = await openHandover(db, ctx, { outgoingDutyId: duty.id, scheduledAt: null, kind: 'closing' });
  const all = await db.item.toArray();

  const tapMs: number[] = [];
  for (const item of all) {
    const t0 = performance.now();
    const res = await recordCountTap(db, ctx, {
      handoverId: handover.id,
      itemId: item.id,
      state: 'present',
      quantity: 1,
      explanation: '',
    });
    tapMs.push(performance.now() - t0);
    if (!res.ok) throw new Error(`tap refused: ${JSON.stringify(res.errors)}`);
  }
  const rawPutMs: number[] = [];
  for (const item of all) {
    const row = {
      id: newId(),
      siteId,
      updatedAt: hlc,
      deleted: false,
      _versions: {},
      handoverId: handover.id,
      itemId: item.id,
      state: 'present' as const,
      quantity: 1,
      explanation: '',
      staffId,
      explainedBy: null,
      recordedAt: Date.now(),
      deviceTime: Date.now(),
    };
    const t0 = performance.now();
    await db.countLine.put(row);
    rawPutMs.push(performance.now() - t0);
  }
  db.close();
  return { items: all.length, tapMs, rawPutMs };
}

(globalThis as unknown as { runCountBench: typeof run }).runCountBench = run;
