/**
 * A building with a signed history written straight into a real SQLite store (scripts/demo-direct.ts,
 * as the server stores accepted ops): one duty a day from 09:00 to 09:00, two entries in each, the
 * record that ended it (an opening began the first), and the chief's signed review of each day
 * the morning after, all on one hash chain. For `verify` and the retention job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectWriter } from '../../../scripts/demo-direct';
import { GENESIS_HASH } from '../../../src/domain/chain';
import { newId } from '../../../src/domain/ids';
import { storedEntryDigest } from '../../../src/server/integrity/entry-digests';
import type { Store } from '../../../src/server/store/store';
import { openTestStore } from '../../support/test-store';
import { createTestSite, rememberTestKey, testPin, testSecrets } from './helpers';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>';

export interface ChainBuilding {
  store: Store;
  dir: string;
  siteId: string;
  chiefId: string;
  deskId: string;
  duties: Record<string, unknown>[];
  entries: Record<string, unknown>[];
  records: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  /** PostgreSQL: the database's URL. */
  databaseUrl?: string | undefined;
  dispose(): Promise<void>;
}

/** `days` days of history starting at `firstDayMs` (a 09:00); the last duty stays open. */
export async function chainBuilding(
  firstDayMs: number,
  days: number,
  opts: { kind?: 'sqlite' | 'postgres' } = {},
): Promise<ChainBuilding> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-chain-'));
  const opened = await openTestStore({ nowMs: firstDayMs, dir, ...(opts.kind ? { kind: opts.kind } : {}) });
  const store = opened.store;
  const site = await createTestSite(store, firstDayMs - DAY);
  const w = new DirectWriter(site.siteId, site.deviceId, GENESIS_HASH);
  const base = { siteId: site.siteId };
  const b: ChainBuilding = {
    store,
    dir,
    siteId: site.siteId,
    chiefId: newId(),
    deskId: newId(),
    duties: [],
    entries: [],
    records: [],
    reviews: [],
    databaseUrl: opened.databaseUrl,
    async dispose() {
      await opened.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const desk = await testSecrets(testPin('desk'));
  const chief = await testSecrets(testPin('chief'));
  {
    for (const [id, role, name] of [
      [b.chiefId, 'chief', '陳國華'],
      [b.deskId, 'desk', '李嘉欣'],
    ] as const)
      w.put(
        'staff',
        { ...base, id, name, role, pinHash: (role === 'desk' ? desk : chief).pinHash, active: true },
        firstDayMs - DAY,
      );
    rememberTestKey(b.chiefId, chief.proofKey);
    rememberTestKey(b.deskId, desk.proofKey);
    let prev: Record<string, unknown> | null = null;
    for (let d = 0; d <= days; d++) {
      const start = firstDayMs + d * DAY;
      const dutyId = newId();
      const handoverId = newId();
      const prevEntries = b.entries.filter((e) => e['dutyId'] === prev?.['id']);
      w.put(
        'handover',
        {
          ...base,
          id: handoverId,
          kind: prev ? 'handover' : 'opening',
          outgoingDutyId: prev?.['id'] ?? null,
          status: 'signed',
          openedAt: start - 15 * 60_000,
        },
        start,
      );
      const record = w.sign(
        'handoverRecord',
        {
          ...base,
          id: newId(),
          kind: prev ? 'handover' : 'opening',
          handoverId,
          correctsId: null,
          outgoingDutyId: prev?.['id'] ?? null,
          newDutyId: dutyId,
          signedAt: start,
          duty: prev
            ? {
                id: prev['id'],
                staffId: b.deskId,
                startedAt: prev['startedAt'],
                endedAt: start,
                entries: prevEntries.map((e) => ({ id: e['id'], hash: storedEntryDigest(e) })),
              }
            : null,
          signatures: [{ role: 'incoming', staffId: b.deskId, signedAt: start, svg: SVG }],
        },
        start,
      );
      b.records.push(record);
      if (prev) {
        prev = w.put('duty', { ...prev, endedAt: start }, start);
        b.duties[b.duties.length - 1] = prev;
      }
      const duty = w.put(
        'duty',
        {
          ...base,
          id: dutyId,
          staffId: b.deskId,
          deviceId: site.deviceId,
          shiftId: 'day',
          startedAt: start,
          endedAt: null,
          handoverId: record['id'],
        },
        start,
      );
      b.duties.push(duty);
      prev = duty;
      // O1: the chief reviews the day before at 10:00, naming what it held.
      if (d > 0) b.reviews.push(review(w, b, start - DAY));
      if (d === days) break;
      for (const [h, cause] of [
        [2, '12樓走廊燈不亮'],
        [6, '訪客查詢停車場收費'],
      ] as const) {
        const at = start + h * HOUR;
        const entry = w.put(
          'logEntry',
          {
            ...base,
            id: newId(),
            dutyId,
            staffId: b.deskId,
            kind: 'repair',
            severity: 'routine',
            status: 'resolved',
            cause,
            process: '已通知工程部',
            result: '已處理',
            party: '',
            contact: '',
            location: '12樓',
            occurredAt: at,
            recordedAt: at,
            deviceTime: at,
          },
          at,
        );
        b.entries.push(entry);
      }
    }
  }
  await store.transaction(site.siteId, async (tx) => {
    // Issue 9 §3: their proof keys, as the admin API would have stored them.
    await tx.putStaffKey(site.siteId, b.chiefId, chief.proofKey, firstDayMs - DAY);
    await tx.putStaffKey(site.siteId, b.deskId, desk.proofKey, firstDayMs - DAY);
    await w.flush(tx);
  });
  return b;
}

function review(w: DirectWriter, b: ChainBuilding, dayStart: number): Record<string, unknown> {
  const signedAt = dayStart + DAY + HOUR;
  const within = (t: unknown) => (t as number) >= dayStart && (t as number) < dayStart + DAY;
  return w.sign(
    'dayReview',
    {
      siteId: b.siteId,
      id: newId(),
      day: new Date(dayStart).toISOString().slice(0, 10),
      correctsId: null,
      reviewerId: b.chiefId,
      signedAt,
      records: b.records.filter((r) => within(r['signedAt'])).map((r) => ({ id: r['id'], hash: r['hash'] })),
      entries: b.entries
        .filter((e) => within(e['occurredAt']))
        .map((e) => ({ id: e['id'], hash: storedEntryDigest(e) })),
      note: '',
      signature: { staffId: b.chiefId, signedAt, svg: SVG },
    },
    signedAt,
  );
}
