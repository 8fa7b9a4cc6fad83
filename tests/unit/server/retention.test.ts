/**
 * D5: the retention job archives whole units older than the building's retention period, never
 * anything younger than 2 years (even with a misconfigured setting), writes the archive before it
 * removes anything, reads back to the same rows byte for byte, and leaves a chain `verify` passes.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyBuilding } from '../../../src/server/integrity/verify';
import { readArchive, type ArchivedRow } from '../../../src/server/retention/archive-file';
import { archiveBuilding, retentionCut } from '../../../src/server/retention/archive-run';
import { RETENTION_LEASE, RETENTION_LEASE_MS, startRetentionJob } from '../../../src/server/retention/retention-job';
import { newestTime } from '../../../src/server/retention/units';
import { silentLogger } from '../../../src/server/logger';
import { chainBuilding, DAY, HOUR, type ChainBuilding } from './chain-fixtures';
import { T0, writeStoredRow } from './helpers';

let b: ChainBuilding;
afterEach(() => b.dispose());

const NOW = T0;
const TWO_YEARS = 730 * DAY;

/** Every row of the building as stored, its JSON as the text the store holds. */
const allRows = () => b.store.listRawRows(b.siteId);
const archive = (beforeDelete?: (file: string) => void) =>
  archiveBuilding({ store: b.store, dataDir: b.dir, nowMs: NOW, ...(beforeDelete ? { beforeDelete } : {}) }, b.siteId);

/** 100 days of history from 800 days ago: the first 70 or so are past 2 years. */
async function oldBuilding(retentionDays: number) {
  b = await chainBuilding(NOW - 800 * DAY + 9 * HOUR, 100);
  // The setting as the site row holds it (any value: retention never goes under 2 years).
  const site = await b.store.getRow(b.siteId, 'site', b.siteId);
  if (!site) throw new Error('no site row');
  const { seq: _seq, receivedAt: _at, ...write } = site;
  await writeStoredRow(b.store, { ...write, row: { ...site.row, retentionDays } });
}

describe('retention (D5)', () => {
  it('never removes anything younger than 2 years, even with retentionDays set to 1', async () => {
    await oldBuilding(1);
    expect(retentionCut(1, NOW)).toBe(NOW - TWO_YEARS);
    const before = await allRows();
    const result = await archive();
    expect(result.rowCount).toBeGreaterThan(100);
    const after = new Set((await allRows()).map((r) => r.id));
    const removed = before.filter((r) => !after.has(r.id));
    expect(removed).toHaveLength(result.rowCount);
    for (const r of removed) {
      const newest = newestTime({
        table: r.table,
        id: r.id,
        row: JSON.parse(r.dataJson) as Record<string, unknown>,
        receivedAt: r.receivedAt,
        updatedHlc: r.updatedHlc,
      });
      expect(newest).toBeLessThan(NOW - TWO_YEARS);
    }
  });

  it('archives exactly the whole units past the cut, and the archive reads back to the same rows', async () => {
    await oldBuilding(730);
    const before = new Map((await allRows()).map((r) => [r.id, r]));
    const cut = NOW - TWO_YEARS;
    const result = await archive();

    // A duty goes once the reviews naming it (its day's, and the next day's naming its record) can go.
    const dutyStarts = b.duties.map((d) => d['startedAt'] as number);
    const expectedDuties = b.duties.filter((_, d) => (dutyStarts[d] ?? 0) + 2 * DAY + HOUR < cut).map((d) => d['id']);
    const expectedReviews = b.reviews.filter((r) => (r['signedAt'] as number) < cut).map((r) => r['id']);
    const archived = result.files
      .flatMap((f) => readArchive(f.file).lines)
      .filter((l): l is ArchivedRow => l.kind === 'row');
    expect(
      archived
        .filter((l) => l.table === 'duty')
        .map((l) => l.id)
        .sort(),
    ).toEqual(expectedDuties.sort());
    expect(
      archived
        .filter((l) => l.table === 'dayReview')
        .map((l) => l.id)
        .sort(),
    ).toEqual(expectedReviews.sort());
    expect(expectedDuties.length).toBeGreaterThan(60);

    // Byte for byte: the stored JSON text of every removed row, and nothing else removed.
    const left = new Set((await allRows()).map((r) => r.id));
    expect(archived.map((l) => l.id).sort()).toEqual([...before.keys()].filter((id) => !left.has(id)).sort());
    for (const l of archived) {
      const was = before.get(l.id);
      expect([l.table, l.data, l.versions, l.updatedHlc, l.seq, l.receivedAt]).toEqual([
        was?.table,
        was?.dataJson,
        was?.versionsJson,
        was?.updatedHlc,
        was?.seq,
        was?.receivedAt,
      ]);
    }
    const recorded = await b.store.listArchives(b.siteId);
    expect(recorded.map((a) => [a.file, a.sha256, a.rowCount])).toEqual(
      result.files.map((f) => [f.file, f.sha256, f.rowCount]),
    );
    expect(readArchive(result.files[0]?.file ?? '').sha256).toBe(recorded[0]?.sha256);

    // The younger chain still verifies: the archived records' hashes stay in the chain table.
    const report = await verifyBuilding(b.store, b.siteId, 'x', NOW);
    expect(report.problems).toEqual([]);
    expect(report.archivedLinks).toBeGreaterThan(60);
  });

  it('a crash between writing the archive and removing the rows loses nothing', async () => {
    await oldBuilding(730);
    const before = await allRows();
    let written = '';
    await expect(
      archive((file) => {
        written = file;
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(existsSync(written)).toBe(true);
    expect(await allRows()).toEqual(before);
    expect(await b.store.listArchives(b.siteId)).toEqual([]);
    expect((await verifyBuilding(b.store, b.siteId, 'x', NOW)).ok).toBe(true);
    // The next run archives them after all.
    expect((await archive()).rowCount).toBeGreaterThan(0);
  });

  it('the daily job runs after its delay, then once a day, each run scheduled when the last ended', async () => {
    await oldBuilding(730);
    const timers: { fn: () => void; ms: number }[] = [];
    const job = startRetentionJob({
      store: b.store,
      dataDir: b.dir,
      logger: silentLogger,
      now: () => NOW,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms });
        return { cancel() {} };
      },
    });
    expect(timers.map((t) => t.ms)).toEqual([60_000]);
    timers[0]?.fn();
    // The next run is scheduled only once this one has ended.
    await vi.waitFor(() => expect(timers.map((t) => t.ms)).toEqual([60_000, DAY]));
    expect((await b.store.listArchives(b.siteId)).length).toBeGreaterThan(0);
    job.stop();
  });

  it('issue 10 §4: while another server process holds the retention lease, a run skips; once it is released or lapses, it runs', async () => {
    await oldBuilding(730);
    const manual = () => ({ cancel() {} });
    const clock = { now: NOW };
    const job = startRetentionJob({
      store: b.store,
      dataDir: b.dir,
      logger: silentLogger,
      now: () => clock.now,
      setTimer: manual,
      holder: 'this-process',
    });
    try {
      // Another process's run in progress.
      expect(await b.store.shared.acquireLease(RETENTION_LEASE, 'other-process', RETENTION_LEASE_MS, NOW)).toBe(true);
      expect(await job.runNow()).toBeNull();
      expect(await b.store.listArchives(b.siteId)).toEqual([]);
      // That process died mid-run: its lease lapses and this process's next run archives.
      clock.now = NOW + RETENTION_LEASE_MS;
      const results = await job.runNow();
      expect(results?.[0]?.rowCount).toBeGreaterThan(0);
      expect((await b.store.listArchives(b.siteId)).length).toBeGreaterThan(0);
      // A finished run releases the lease at once: another process may take it.
      expect(await b.store.shared.acquireLease(RETENTION_LEASE, 'other-process', RETENTION_LEASE_MS, clock.now)).toBe(
        true,
      );
    } finally {
      job.stop();
    }
  });
});
