/**
 * The demo building (scripts/demo-seed.ts) is seeded through the server's own push service, so
 * every duty of its history must have begun by a signed record the server accepted (H3, S1): the
 * desk opened on the first morning, a handover at each change, the current duty opened by the
 * handover at its start, and the rota naming who is on now and who comes next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyStart, seedDemo } from '../../../scripts/demo-seed';
import { verifyBuilding } from '../../../src/server/integrity/verify';
import type { Duty, SyncTable } from '../../../src/domain/entities';
import type { HandoverRecord } from '../../../src/domain/handover-entities';
import type { Store } from '../../../src/server/store/store';
import { openTestStore, type TestStore } from '../../support/test-store';
import { T0 } from './helpers';

// Seeding writes 18 months of history (issue 8): seconds on an idle machine, far more on a loaded one.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let store: Store;
let opened: TestStore | undefined;
afterEach(async () => {
  await opened?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function seeded(nowMs: number) {
  dir = mkdtempSync(join(tmpdir(), 'hd-demo-'));
  opened = await openTestStore({ nowMs, dir, fileName: 'demo.sqlite' });
  store = opened.store;
  const summary = await seedDemo(store, nowMs);
  // The scripted days (the 18 months of history before them are checked below).
  const start = historyStart(nowMs);
  const records: HandoverRecord[] = (await store.listRows(summary.siteId, 'handoverRecord'))
    .map((r) => r.row)
    .filter((r) => r.signedAt >= start);
  const duties: Duty[] = (await store.listRows(summary.siteId, 'duty'))
    .map((r) => r.row)
    .filter((d) => d.startedAt >= start);
  return { summary, duties, records };
}

describe('the demo building begins every duty by a signed record (H3, S1)', () => {
  // 10:00 and 20:30 in Hong Kong: a day shift on, and a night shift after the scripted history.
  it.each([T0, T0 + 10.5 * 3_600_000])(
    'seeded at %i: one open duty, opened by the handover at its start',
    async (nowMs) => {
      const { summary, duties, records } = await seeded(nowMs);
      expect(await store.listRows(summary.siteId, 'syncError')).toEqual([]);
      expect(summary.nextOnDuty).not.toBe(summary.onDutyNow);

      const [opening, ...handovers] = records;
      expect(opening?.kind).toBe('opening');
      expect(handovers.length).toBeGreaterThanOrEqual(6);
      expect(handovers.every((r) => r.kind === 'handover' && r.joinedAt !== null)).toBe(true);
      // D5: the whole chain, 18 months of records and day reviews, verifies from the database.
      const integrity = await verifyBuilding(store, summary.siteId, '', nowMs);
      expect(integrity.problems).toEqual([]);
      expect(integrity.records.some((r) => r.kind === 'review')).toBe(true);
      const flags = (await store.listRows(summary.siteId, 'reviewFlag')).map((r) => r.row);
      expect(flags).toEqual([expect.objectContaining({ kind: 'deskOpened', rowId: opening?.id })]);

      // Every duty was begun by its record; each ended at the signing of the next one, by the server.
      const byId = new Map(duties.map((d) => [d.id, d]));
      expect(duties).toHaveLength(records.length);
      for (const [i, record] of records.entries()) {
        const duty = byId.get(String(record.newDutyId));
        expect(duty).toMatchObject({
          handoverId: record.id,
          staffId: record.incomingStaffId,
          startedAt: record.signedAt,
        });
        expect(duty?.endedAt).toBe(records[i + 1]?.signedAt ?? null);
      }
      const current = handovers.at(-1);
      const onDuty = duties.filter((d) => d.endedAt === null);
      expect(onDuty).toEqual([expect.objectContaining({ id: current?.newDutyId })]);
      expect(current?.scheduledAt).toBeLessThanOrEqual(nowMs);
      const names = (await store.listRows(summary.siteId, 'staff')).map((s) => s.row);
      const person = names.find((s) => s['id'] === onDuty[0]?.staffId);
      expect(person?.['name']).toBe('李嘉欣');
    },
  );
});

describe('the demo building has 18 months of history for the chief and the manager (issue 8)', () => {
  it('holds entries from 18 months ago, days awaiting review, an escalation waiting, paid-service orders and open repairs', async () => {
    const { summary } = await seeded(T0);
    const rows = async (table: SyncTable) => (await store.listRows<SyncTable>(summary.siteId, table)).map((r) => r.row);
    const entries = await rows('logEntry');
    const oldest = Math.min(...entries.map((e) => Number(e['occurredAt'])));
    expect(oldest).toBeLessThan(T0 - 540 * 86_400_000);
    // F1 and F2 fields are filled in.
    expect(entries.some((e) => e['channel'] === 'visit' && e['partyType'] === 'owner' && e['unit'] !== '')).toBe(true);
    expect(entries.some((e) => e['kind'] === 'repair' && e['assignedTo'] !== '' && e['completedAt'] !== null)).toBe(
      true,
    );
    expect(entries.filter((e) => e['kind'] === 'repair' && e['status'] === 'open').length).toBeGreaterThanOrEqual(3);
    // O1: the recent days have no review; the older ones are reviewed and chained.
    const reviewed = new Set((await rows('dayReview')).map((r) => String(r['day'])));
    expect(reviewed.size).toBeGreaterThan(500);
    const start = historyStart(T0);
    const yesterday = new Date(start - 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(reviewed.has(yesterday)).toBe(false);
    // D3: one escalation waits for the chief, unacknowledged.
    const waiting = (await rows('escalation')).filter((e) => e['acknowledgedAt'] === null);
    expect(waiting).toEqual([expect.objectContaining({ level: 'chief', decidedAt: null })]);
    // F1: paid-service orders in every status.
    const statuses = new Set((await rows('serviceOrder')).map((o) => o['status']));
    expect([...statuses].sort()).toEqual(['cancelled', 'done', 'issued', 'paid']);
  });
});
