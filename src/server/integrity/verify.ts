/**
 * D5, H3, O1: recompute every building's hash chain from the database and report each changed,
 * missing or reordered signed record (docs/architecture.md "Signed records, the chain and locks").
 * Pure over store reads: `npm run verify` (scripts/verify.ts) and `GET /api/v1/integrity` both
 * call `verifyBuilding`.
 *
 * The chain holds two kinds of signed rows: `handoverRecord` (handovers, openings, closings) and
 * `dayReview` (the section chief's signed review of a day). Both hash alike: SHA-256 of
 * `recordHashInput(row)` (src/domain/chain.ts). A record moved to an archive file by retention
 * keeps its hash in the `chain` table under the id `archive:<n>` (src/server/retention), so a
 * younger record chained to it still has a known predecessor.
 */
import { GENESIS_HASH } from '../../domain/chain';
import {
  CHAINED_TABLES,
  type BuildingIntegrity,
  type ChainedTable,
  type CheckedRecord,
  type IntegrityProblem,
  type ProblemKind,
} from '../../domain/integrity';
import { ARCHIVED_PREFIX, type ArchiveRecord, type ChainLink, type StoredRow, type StoreReads } from '../store/store';
import { recordHash } from '../sync/signed-records';
import { checkEntryDigest } from './entry-digests';

/** The prefix of a `chain.record_id` whose record was archived (D5; the store writes it). */
export { ARCHIVED_PREFIX };

/**
 * T1: signing times come from tablets whose clocks the server corrects to within this much, so a
 * predecessor signed up to this much "later" is a clock's doing, not a reordering.
 */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

/** The reads `verifyBuilding` needs, so a test can hand it any store. */
export type IntegrityReads = Pick<StoreReads, 'listRows' | 'getRow' | 'listChainLinks' | 'listArchives'>;

function problem(
  kind: ProblemKind,
  table: ChainedTable | 'chain',
  recordId: string,
  detail: string,
  refId: string | null = null,
): IntegrityProblem {
  return { kind, table, recordId, refId, detail };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

interface Signed {
  stored: StoredRow<ChainedTable>;
  table: ChainedTable;
  row: Record<string, unknown>;
}

/** Verifies one building's chain and the entry digests its records froze. */
export async function verifyBuilding(
  store: IntegrityReads,
  siteId: string,
  siteName: string,
  nowMs: number,
): Promise<BuildingIntegrity> {
  const signed: Signed[] = [];
  for (const table of CHAINED_TABLES) {
    for (const stored of await store.listRows<ChainedTable>(siteId, table)) {
      signed.push({ stored, table, row: stored.row });
    }
  }
  const links = await store.listChainLinks(siteId);
  const archives = new Set((await store.listArchives(siteId)).map((a: ArchiveRecord) => `${ARCHIVED_PREFIX}${a.id}`));
  const byHash = new Map<string, Signed>(signed.map((s) => [String(s.row['hash']), s]));
  const byId = new Map<string, Signed>(signed.map((s) => [s.stored.id, s]));
  const linkByHash = new Map<string, ChainLink>(links.map((l) => [l.hash, l]));
  const problems: IntegrityProblem[] = [];
  const bad = new Set<string>();
  const report = (p: IntegrityProblem) => {
    problems.push(p);
    bad.add(p.recordId);
  };

  // A chain entry whose record is gone: tampering unless an archive run of this building took it.
  const liveIds = new Set(signed.filter((s) => !s.stored.deleted).map((s) => s.stored.id));
  let archivedLinks = 0;
  for (const link of links) {
    if (link.recordId.startsWith(ARCHIVED_PREFIX) && archives.has(link.recordId)) archivedLinks++;
    else if (!liveIds.has(link.recordId))
      report(problem('missingRecord', 'chain', link.recordId, `the chain holds ${link.hash} but its record is gone`));
  }

  let entriesChecked = 0;
  let entriesFollowedUp = 0;
  for (const s of signed) {
    const id = s.stored.id;
    const hash = String(s.row['hash']);
    if (s.stored.deleted) {
      report(problem('missingRecord', s.table, id, 'the signed record was deleted'));
      continue;
    }
    const computed = recordHash(s.row);
    if (computed !== hash)
      report(problem('hashMismatch', s.table, id, `its content hashes to ${computed}, not ${hash}`));
    const link = linkByHash.get(hash);
    if (link?.recordId !== id) {
      const why = link ? `the chain names ${link.recordId} under its hash` : 'its hash is not in the chain table';
      report(problem('notInChain', s.table, id, why));
    }
    const prevHash = String(s.row['prevHash']);
    if (prevHash !== GENESIS_HASH) {
      const prev = byHash.get(prevHash);
      if (!linkByHash.has(prevHash) && !prev)
        report(problem('unknownPrev', s.table, id, `prevHash ${prevHash} is not a hash of this building's chain`));
      else if (
        prev &&
        (num(prev.row['signedAt']) > num(s.row['signedAt']) + CLOCK_TOLERANCE_MS || prev.stored.seq > s.stored.seq)
      )
        report(problem('reordered', s.table, id, `its predecessor ${prev.stored.id} was signed or stored after it`));
    }
    for (const frozen of frozenEntries(s)) {
      entriesChecked++;
      const verdict = checkEntryDigest(await store.getRow(siteId, 'logEntry', frozen.id), frozen.hash);
      if (verdict === 'followUp') entriesFollowedUp++;
      if (verdict === 'changed')
        report(problem('entryChanged', s.table, id, 'the entry no longer matches its frozen digest', frozen.id));
      // An entry archived with an older unit is gone with its record; only a live record's entry is missed.
      if (verdict === 'missing')
        report(problem('entryMissing', s.table, id, 'the entry the record froze is gone', frozen.id));
    }
    if (s.table === 'dayReview') {
      for (const ref of arrayOf(s.row['records'])) {
        const held = byId.get(ref.id);
        const archived = linkByHash.get(ref.hash)?.recordId.startsWith(ARCHIVED_PREFIX) === true;
        if ((!held && !archived) || (held && String(held.row['hash']) !== ref.hash))
          report(problem('recordChanged', s.table, id, `the reviewed record no longer has hash ${ref.hash}`, ref.id));
      }
    }
  }

  const records: CheckedRecord[] = signed
    .map((s) => ({
      id: s.stored.id,
      table: s.table,
      kind: s.table === 'dayReview' ? 'review' : String(s.row['kind'] ?? 'handover'),
      correctsId: typeof s.row['correctsId'] === 'string' ? s.row['correctsId'] : null,
      day: typeof s.row['day'] === 'string' ? s.row['day'] : null,
      signedAt: num(s.row['signedAt']),
      ok: !bad.has(s.stored.id),
    }))
    .sort((a, b) => a.signedAt - b.signedAt);
  return {
    siteId,
    siteName,
    ok: problems.length === 0,
    checkedAt: nowMs,
    records,
    entriesChecked,
    entriesFollowedUp,
    archivedLinks,
    problems,
  };
}

function arrayOf(v: unknown): { id: string; hash: string }[] {
  return Array.isArray(v) ? (v as { id: string; hash: string }[]) : [];
}

/** The entry digests a record froze: a handover's outgoing duty, or a day review's entries. */
function frozenEntries(s: Signed): { id: string; hash: string }[] {
  if (s.table === 'dayReview') return arrayOf(s.row['entries']);
  const duty = s.row['duty'] as { entries?: unknown } | null | undefined;
  return arrayOf(duty?.entries);
}

/** Verifies every building of the store (`npm run verify`). */
export async function verifyAll(
  store: IntegrityReads & Pick<StoreReads, 'listSiteIds'>,
  nowMs: number,
): Promise<BuildingIntegrity[]> {
  const result: BuildingIntegrity[] = [];
  for (const siteId of await store.listSiteIds()) {
    const site = await store.getRow(siteId, 'site', siteId);
    result.push(await verifyBuilding(store, siteId, site?.row.name ?? siteId, nowMs));
  }
  return result;
}
