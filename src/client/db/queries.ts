/**
 * Read functions for the screens, meant for `useLiveQuery(() => fn(db, ...))`. Tombstoned rows
 * (deleted) are never returned.
 */
import type {
  Duty,
  EntryStatus,
  LogAmendment,
  LogEntry,
  LogKind,
  Severity,
  Site,
  Staff,
  SyncError,
} from '../../domain/entities';
import { CLOCK_SKEW_WARN_MS } from '../../domain/sync-protocol';
import { EMPTY_STATUS, getMeta, type SyncErrorKind } from './meta';
import type { HandoverDb } from './schema';

/** The building this tablet is enrolled in. */
export async function getSite(db: HandoverDb): Promise<Site | undefined> {
  const device = await getMeta(db, 'device');
  if (!device) return undefined;
  const site = await db.site.get(device.siteId);
  return site && !site.deleted ? site : undefined;
}

/** Staff sorted by name; inactive people only when asked for. */
export async function listStaff(db: HandoverDb, opts?: { includeInactive?: boolean }): Promise<Staff[]> {
  const all = await db.staff.toArray();
  return all
    .filter((s) => !s.deleted && (s.active || opts?.includeInactive === true))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export async function getStaff(db: HandoverDb, id: string): Promise<Staff | undefined> {
  const s = await db.staff.get(id);
  return s && !s.deleted ? s : undefined;
}

/** The duty `staffId` has open (not ended), the newest if there are several. */
export async function openDutyFor(db: HandoverDb, staffId: string): Promise<Duty | undefined> {
  const duties = await db.duty.where('staffId').equals(staffId).toArray();
  return duties
    .filter((d) => d.endedAt === null && !d.deleted)
    .sort((a, b) => b.startedAt - a.startedAt)
    .at(0);
}

export interface EntryFilter {
  kind?: LogKind;
  severity?: Severity;
  status?: EntryStatus;
}

/** Not tombstoned and matching every filter that is set. */
function keepEntry(e: LogEntry, filter: EntryFilter | undefined): boolean {
  return (
    !e.deleted &&
    (filter?.kind === undefined || e.kind === filter.kind) &&
    (filter?.severity === undefined || e.severity === filter.severity) &&
    (filter?.status === undefined || e.status === filter.status)
  );
}

/** Newest occurred-at first; ties by recording time, then id, so the order is stable everywhere. */
function newestFirst(a: LogEntry, b: LogEntry): number {
  return b.occurredAt - a.occurredAt || b.recordedAt - a.recordedAt || b.id.localeCompare(a.id);
}

/** The entries of one duty, newest occurred-at first. */
export async function entriesForDuty(db: HandoverDb, dutyId: string, filter?: EntryFilter): Promise<LogEntry[]> {
  const rows = await db.logEntry.where('dutyId').equals(dutyId).toArray();
  return rows.filter((e) => keepEntry(e, filter)).sort(newestFirst);
}

/**
 * Every entry of the building whose occurred-at lies in `[fromMs, toMs)`, whichever duty or tablet
 * wrote it, newest first (F3, D5, H9: the chief and the next shift read the whole day). The caller
 * computes the bounds of the building's day in the site's zone.
 */
export async function entriesForDay(
  db: HandoverDb,
  fromMs: number,
  toMs: number,
  filter?: EntryFilter,
): Promise<LogEntry[]> {
  if (!(toMs > fromMs)) return [];
  const rows = await db.logEntry.where('occurredAt').between(fromMs, toMs, true, false).toArray();
  return rows.filter((e) => keepEntry(e, filter)).sort(newestFirst);
}

export async function getEntry(db: HandoverDb, id: string): Promise<LogEntry | undefined> {
  const e = await db.logEntry.get(id);
  return e && !e.deleted ? e : undefined;
}

/** An entry's amendments, oldest first (D5: append-only history). */
export async function amendmentsFor(db: HandoverDb, entryId: string): Promise<LogAmendment[]> {
  const rows = await db.logAmendment.where('entryId').equals(entryId).toArray();
  return rows
    .filter((a) => !a.deleted)
    .sort((a, b) => a.recordedAt - b.recordedAt || a.updatedAt.localeCompare(b.updatedAt));
}

/** The duties with these ids that are on this tablet and not deleted, in no particular order. */
export async function dutiesByIds(db: HandoverDb, ids: string[]): Promise<Duty[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.duty.bulkGet(unique);
  return rows.filter((d): d is NonNullable<typeof d> => d !== undefined && !d.deleted);
}

/** How many local changes are not yet acknowledged by the server (the status bar shows it). */
export async function pendingOpCount(db: HandoverDb): Promise<number> {
  return db.outbox.count();
}

/** Refused changes with their reasons, newest first; never silently dropped. */
export async function listSyncErrors(db: HandoverDb): Promise<SyncError[]> {
  const rows = await db.syncError.toArray();
  return rows.filter((r) => !r.deleted).sort((a, b) => b.recordedAt - a.recordedAt || b.counter - a.counter);
}

/** Patches that lost to a newer server value, for the section chief to review. */
export async function conflictCount(db: HandoverDb): Promise<number> {
  return db.conflict.filter((c) => !c.deleted).count();
}

export interface SyncStatus {
  lastSyncAt: number | null;
  lastAttemptAt: number | null;
  lastError: SyncErrorKind;
  clockOffsetMs: number;
  /** T1: the tablet clock is more than CLOCK_SKEW_WARN_MS away from the server's. */
  clockSkewWarning: boolean;
}

export async function getSyncStatus(db: HandoverDb): Promise<SyncStatus> {
  const status = (await getMeta(db, 'syncStatus')) ?? EMPTY_STATUS;
  const clockOffsetMs = (await getMeta(db, 'clock'))?.offsetMs ?? 0;
  return { ...status, clockOffsetMs, clockSkewWarning: Math.abs(clockOffsetMs) > CLOCK_SKEW_WARN_MS };
}
