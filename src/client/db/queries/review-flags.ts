/**
 * The server's review flags (T1, H3), as the screens read them: on one record (the badge), on a
 * list's rows, and for the section chief by day with the record each one is about.
 */
import type { ReviewFlag } from '../../../domain/entities';
import type { HandoverDb, LocalRow } from '../schema';

/** The kinds that put a record's time in doubt (T1); `deskOpened` is about the desk, not a time. */
export const TIME_FLAG_KINDS: readonly ReviewFlag['kind'][] = ['clockSkew', 'clockBackwards'];

/** The record a flag's link opens, by a table a screen can show. */
export interface FlagTarget {
  table: 'logEntry' | 'task' | 'item' | 'itemMovement' | 'handoverRecord';
  id: string;
}

/** A flag with what the chief needs to judge it: the record to open and a few words naming it. */
export interface FlagView {
  flag: ReviewFlag;
  /** null when the record (or the record it belongs to) is not on this tablet. */
  target: FlagTarget | null;
  /** An entry's cause or a task's title; '' for other records. */
  summary: string;
}

function plainFlag(row: LocalRow<ReviewFlag>): ReviewFlag {
  const { _versions: _local, ...flag } = row;
  return flag;
}

/** The live flags on one record, oldest first. */
export async function flagsForRow(db: HandoverDb, table: string, rowId: string): Promise<ReviewFlag[]> {
  const rows = await db.reviewFlag.where('rowId').equals(rowId).sortBy('recordedAt');
  return rows.filter((f) => !f.deleted && f.table === table).map(plainFlag);
}

/** The ids among `rowIds` of `table` whose time is in doubt (T1), for a badge on list rows. */
export async function rowsWithTimeInDoubt(
  db: HandoverDb,
  table: string,
  rowIds: readonly string[],
): Promise<Set<string>> {
  if (rowIds.length === 0) return new Set();
  const rows = await db.reviewFlag
    .where('rowId')
    .anyOf([...rowIds])
    .toArray();
  return new Set(
    rows.filter((f) => !f.deleted && f.table === table && TIME_FLAG_KINDS.includes(f.kind)).map((f) => f.rowId),
  );
}

/**
 * Every flag the server raised in [fromMs, toMs), oldest first, with its record. A flag belongs to
 * the day the server raised it (`recordedAt`, the server's clock), the one time no tablet's clock
 * can move; the flagged record's own stamp is exactly what is in doubt.
 */
export async function flagsRaisedBetween(db: HandoverDb, fromMs: number, toMs: number): Promise<FlagView[]> {
  const rows = await db.reviewFlag.where('recordedAt').between(fromMs, toMs, true, false).sortBy('recordedAt');
  const views: FlagView[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const flag = plainFlag(row);
    views.push({ flag, ...(await flagTarget(db, flag.table, flag.rowId)) });
  }
  return views;
}

type Resolved = Pick<FlagView, 'target' | 'summary'>;
const NONE: Resolved = { target: null, summary: '' };

async function entryTarget(db: HandoverDb, entryId: string): Promise<Resolved> {
  const entry = await db.logEntry.get(entryId);
  return entry && !entry.deleted ? { target: { table: 'logEntry', id: entry.id }, summary: entry.cause } : NONE;
}

async function taskTarget(db: HandoverDb, taskId: string): Promise<Resolved> {
  const task = await db.task.get(taskId);
  return task && !task.deleted ? { target: { table: 'task', id: task.id }, summary: task.title } : NONE;
}

/** The signed record of a handover draft (not an addendum), which is what the chief reads. */
async function recordOfHandover(db: HandoverDb, handoverId: string): Promise<Resolved> {
  const records = await db.handoverRecord.where('handoverId').equals(handoverId).toArray();
  const record = records.find((r) => !r.deleted && r.correctsId === null);
  return record ? { target: { table: 'handoverRecord', id: record.id }, summary: '' } : NONE;
}

/**
 * Where a flagged row is shown: an entry or a task itself; an amendment, note or receipt in the
 * entry or task it belongs to; a duty, draft or count line in the signed record about it.
 */
async function flagTarget(db: HandoverDb, table: string, rowId: string): Promise<Resolved> {
  switch (table) {
    case 'logEntry':
      return entryTarget(db, rowId);
    case 'logAmendment': {
      const amendment = await db.logAmendment.get(rowId);
      return amendment ? entryTarget(db, amendment.entryId) : NONE;
    }
    case 'task':
      return taskTarget(db, rowId);
    case 'taskNote':
    case 'acknowledgement': {
      const row = table === 'taskNote' ? await db.taskNote.get(rowId) : await db.acknowledgement.get(rowId);
      return row ? taskTarget(db, row.taskId) : NONE;
    }
    case 'handoverRecord':
    case 'item':
    case 'itemMovement':
      return { target: { table, id: rowId }, summary: '' };
    case 'duty': {
      // H3: the record that opened the duty (handover or opening) says who started it and when.
      const duty = await db.duty.get(rowId);
      return duty?.handoverId ? { target: { table: 'handoverRecord', id: duty.handoverId }, summary: '' } : NONE;
    }
    case 'handover':
      return recordOfHandover(db, rowId);
    case 'countLine': {
      const line = await db.countLine.get(rowId);
      return line ? recordOfHandover(db, line.handoverId) : NONE;
    }
    default:
      return NONE;
  }
}
