/**
 * D5, H3, O1: `verify` recomputes a building's chain from the database (handover records and day
 * reviews alike) and reports each changed, missing or reordered signed record, and each entry
 * changed behind the sync path after a record froze its digest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBuilding } from '../../../src/server/integrity/verify';
import { chainBuilding, DAY, type ChainBuilding } from './chain-fixtures';
import { T0, storedRow, writeStoredRow } from './helpers';
import { inspectOf } from '../../support/test-store';

let b: ChainBuilding;
afterEach(() => b.dispose());

const FIRST = T0 - 10 * DAY - 3_600_000;
const verify = () => verifyBuilding(b.store, b.siteId, 'Harbour Centre', T0);
const id = (row: Record<string, unknown> | undefined) => String(row?.['id']);
const kinds = async () => (await verify()).problems.map((p) => [p.kind, p.recordId, p.refId]);
/** The chain building's store, tampered with behind the server's back (SQLite or PostgreSQL). */
const tamper = () => inspectOf(b.store).tamper;

describe('verify (D5, H3)', () => {
  it('passes a clean chain of handover records and day reviews', async () => {
    b = await chainBuilding(FIRST, 5);
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.records.filter((r) => r.table === 'handoverRecord')).toHaveLength(6);
    expect(report.records.filter((r) => r.kind === 'review')).toHaveLength(5);
    // 5 records froze a duty's 2 entries each, and 5 reviews a day's 2 entries each.
    expect(report.entriesChecked).toBe(20);
  });

  it('reports a signed record edited directly in SQLite', async () => {
    b = await chainBuilding(FIRST, 3);
    const record = b.records[1];
    await tamper().rowField(id(record), 'signedAt', 1);
    const review = b.reviews[0];
    await tamper().rowField(id(review), 'note', '改過');
    expect(await kinds()).toEqual(
      expect.arrayContaining([
        ['hashMismatch', id(record), null],
        ['hashMismatch', id(review), null],
      ]),
    );
    expect((await verify()).records.find((r) => r.id === id(record))?.ok).toBe(false);
  });

  it('reports an entry edited directly in SQLite after a record and a review froze it', async () => {
    b = await chainBuilding(FIRST, 3);
    const entry = b.entries[0];
    await tamper().rowField(id(entry), 'cause', '無事');
    const problems = (await verify()).problems.filter((p) => p.kind === 'entryChanged');
    expect(problems.map((p) => [p.refId, p.table])).toEqual([
      [id(entry), 'handoverRecord'],
      [id(entry), 'dayReview'],
    ]);
  });

  it('does not report a locked repair changed by its follow-up through sync (assignee, completion, F2)', async () => {
    b = await chainBuilding(FIRST, 3);
    const stored = await storedRow(b.store, 'logEntry', id(b.entries[0]));
    if (!stored) throw new Error('no entry');
    // What the push service stores for a follow-up patch: the fields and their bumped versions.
    const { seq: _seq, receivedAt: _r, ...write } = stored;
    await writeStoredRow(b.store, {
      ...write,
      row: { ...stored.row, assignedTo: '工程部', completedAt: T0 - DAY },
      versions: { ...stored.versions, assignedTo: 2, completedAt: 2 },
    });
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.entriesFollowedUp).toBe(2);

    // A content change beside the follow-up is still tampering.
    await tamper().rowField(stored.id, 'location', '地庫');
    expect((await verify()).problems.map((p) => p.kind)).toEqual(['entryChanged', 'entryChanged']);
  });

  it('reports a deleted record and a missing chain entry', async () => {
    b = await chainBuilding(FIRST, 3);
    const deleted = b.records[1];
    await tamper().deleteRow(id(deleted));
    const unchained = b.records[2];
    await tamper().deleteChainLink(id(unchained));
    expect(await kinds()).toEqual(
      expect.arrayContaining([
        ['missingRecord', id(deleted), null],
        ['notInChain', id(unchained), null],
        // The review of that day named the deleted record.
        ['recordChanged', id(b.reviews[1]), id(deleted)],
      ]),
    );
  });

  it('reports a prevHash outside the chain and a predecessor stored after its successor', async () => {
    b = await chainBuilding(FIRST, 3);
    const first = b.records[0];
    const second = b.records[1];
    await tamper().rowSeq(id(first), 100000);
    expect(await kinds()).toEqual([['reordered', id(second), null]]);
    await tamper().deleteChainLink(id(first));
    await tamper().deleteRow(id(first));
    expect(await kinds()).toEqual(expect.arrayContaining([['unknownPrev', id(second), null]]));
  });
});
