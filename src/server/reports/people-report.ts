/**
 * O3 on the server: the per-person figures of one month for office PCs and exports, computed from
 * the store's rows of the token's building with the tablet's own function (domain/person-figures.ts),
 * for a section chief or a property office manager of that building only.
 */
import type { LogAmendment, LogEntry, Site, Staff, SyncTable } from '../../domain/entities';
import type { HandoverRecord } from '../../domain/handover-entities';
import {
  computePersonFigures,
  isMonthKey,
  monthBounds,
  personFiguresCsv,
  type PersonFigures,
} from '../../domain/person-figures';
import type { Escalation } from '../../domain/review-entities';
import { ApiError } from '../api-error';
import type { RowOf, Store } from '../store/store';

/** The CSV's header, in English: the server has no reader's language (the tablet exports its own). */
export const PEOPLE_CSV_HEADER = [
  'Person',
  'Handovers joined on time',
  'Handovers joined late',
  'Handovers prepared on time',
  'Handovers prepared late',
  'Openings without a handover',
  'Closings without a handover',
  'Counts with discrepancies',
  'Entries logged',
  'Escalations sent',
  'Entries resolved',
  'Median time to resolve (minutes)',
] as const;

const READERS: ReadonlySet<string> = new Set(['chief', 'manager']);

async function live<T extends SyncTable>(store: Store, siteId: string, table: T): Promise<RowOf<T>[]> {
  return (await store.listRows(siteId, table)).filter((r) => !r.deleted).map((r) => r.row);
}

/**
 * O3: refuses anyone but an active chief or manager of building `siteId` (403 `forbidden_role`).
 * `viewerId` is a claim of the tablet or office PC until issue 9 proves who is at it; the token
 * still keeps every other building's data out of reach.
 */
export async function checkFigureReader(store: Store, siteId: string, viewerId: string): Promise<Staff> {
  const row = await store.getRow(siteId, 'staff', viewerId);
  const staff = row && !row.deleted ? row.row : undefined;
  if (!staff || !staff.active) {
    throw new ApiError('forbidden_role', `staffId ${viewerId} is not active staff of this building`);
  }
  if (!READERS.has(staff.role)) {
    throw new ApiError(
      'forbidden_role',
      `O3: per-person figures are for the section chief and the manager, not a ${staff.role}`,
    );
  }
  return staff;
}

/** O3: the figures of month `month` (`yyyy-MM`) of building `siteId`, with each person's name. */
export async function peopleFigures(
  store: Store,
  siteId: string,
  month: string,
): Promise<{ figures: PersonFigures[]; nameOf: (staffId: string) => string }> {
  if (!isMonthKey(month)) throw new ApiError('bad_request', `month must be yyyy-MM, not "${month}"`);
  const site: Site | undefined = (await store.getRow(siteId, 'site', siteId))?.row;
  if (!site) throw new ApiError('not_found', 'the building is not set up');
  const { fromMs, toMs } = monthBounds(month, site.timeZone);
  // Resolutions may come after the month ends; entries and records are kept to the month below.
  const inMonth = (ms: number) => ms >= fromMs && ms < toMs;
  const entries: LogEntry[] = (await live(store, siteId, 'logEntry')).filter((e) => inMonth(e.occurredAt));
  const ids = new Set(entries.map((e) => e.id));
  const amendments: LogAmendment[] = (await live(store, siteId, 'logAmendment')).filter((a) => ids.has(a.entryId));
  const records: HandoverRecord[] = (await live(store, siteId, 'handoverRecord')).filter((r) => inMonth(r.signedAt));
  const escalations: Escalation[] = (await live(store, siteId, 'escalation')).filter((e) => inMonth(e.sentAt));
  const figures = computePersonFigures({ entries, amendments, records, escalations }, month, site.timeZone, site);
  const names = new Map((await live(store, siteId, 'staff')).map((s) => [s.id, s.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  figures.sort(
    (a, b) => nameOf(a.staffId).localeCompare(nameOf(b.staffId), 'zh-Hant') || a.staffId.localeCompare(b.staffId),
  );
  return { figures, nameOf };
}

/** O3: the month's figures as CSV (UTF-8 with a BOM, so Excel shows Chinese). */
export async function peopleCsv(store: Store, siteId: string, month: string): Promise<string> {
  const { figures, nameOf } = await peopleFigures(store, siteId, month);
  return personFiguresCsv(figures, PEOPLE_CSV_HEADER, nameOf);
}
