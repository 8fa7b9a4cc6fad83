/**
 * The demo building (scripts/demo-seed.ts) is seeded through the server's own push service, so
 * every duty of its history must have begun by a signed record the server accepted (H3, S1): the
 * desk opened on the first morning, a handover at each change, the current duty opened by the
 * handover at its start, and the rota naming who is on now and who comes next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../scripts/demo-seed';
import { verifyChain } from '../../../src/domain/chain';
import type { Duty } from '../../../src/domain/entities';
import type { HandoverRecord } from '../../../src/domain/handover-entities';
import { openSqliteStore, type SqliteStore } from '../../../src/server/store/sqlite-store';
import { T0 } from './helpers';

let dir: string;
let store: SqliteStore;
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function seeded(nowMs: number) {
  dir = mkdtempSync(join(tmpdir(), 'hd-demo-'));
  store = openSqliteStore(join(dir, 'demo.sqlite'), { nowMs });
  const summary = await seedDemo(store, nowMs);
  const rows = <T>(table: 'duty' | 'handoverRecord') => store.listRows(summary.siteId, table).map((r) => r.row as T);
  return { summary, duties: rows<Duty>('duty'), records: rows<HandoverRecord>('handoverRecord') };
}

describe('the demo building begins every duty by a signed record (H3, S1)', () => {
  // 10:00 and 20:30 in Hong Kong: a day shift on, and a night shift after the scripted history.
  it.each([T0, T0 + 10.5 * 3_600_000])(
    'seeded at %i: one open duty, opened by the handover at its start',
    async (nowMs) => {
      const { summary, duties, records } = await seeded(nowMs);
      expect(store.listRows(summary.siteId, 'syncError')).toEqual([]);
      expect(summary.nextOnDuty).not.toBe(summary.onDutyNow);

      const [opening, ...handovers] = records;
      expect(opening?.kind).toBe('opening');
      expect(handovers.length).toBeGreaterThanOrEqual(6);
      expect(handovers.every((r) => r.kind === 'handover' && r.joinedAt !== null)).toBe(true);
      expect((await verifyChain(records)).ok).toBe(true);
      const flags = store.listRows(summary.siteId, 'reviewFlag').map((r) => r.row);
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
      const names = store.listRows(summary.siteId, 'staff').map((s) => s.row);
      const person = names.find((s) => s['id'] === onDuty[0]?.staffId);
      expect(person?.['name']).toBe('李嘉欣');
    },
  );
});
