import { useLiveQuery } from 'dexie-react-hooks';
import type { LogEntry } from '../../../domain/entities';
import type { Photo } from '../../../domain/handover-entities';
import type { Task } from '../../../domain/task-entities';
import {
  entriesByIds,
  historyRecord,
  photosBySha,
  tasksByIds,
  type HistoryRow,
} from '../../db/queries/history-queries';
import { useDb } from '../../ui/db-context';

export interface HistoryRecordData {
  /** null when the record is not on this tablet. */
  row: HistoryRow | null;
  /** The outgoing duty's entries and the carried major matters that are on this tablet. */
  entries: ReadonlyMap<string, LogEntry>;
  /** The carried tasks (pending work, acknowledged instructions) on this tablet. */
  tasks: ReadonlyMap<string, Task>;
  /** The count's photos whose metadata is on this tablet, by SHA-256. */
  photos: ReadonlyMap<string, Photo>;
}

/**
 * One signed record with its addenda and flags, and what it points at that this tablet holds, live
 * (a pulled addendum appears without a reload); undefined while loading. An addendum's id opens
 * the record it corrects.
 */
export function useHistoryRecord(recordId: string): HistoryRecordData | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const row = await historyRecord(db, recordId);
    if (!row) return { row: null, entries: new Map(), tasks: new Map(), photos: new Map() };
    const { record } = row;
    const entryIds = [...(record.duty?.entries.map((e) => e.id) ?? []), ...record.carried.majorEntryIds];
    const taskIds = [...record.carried.taskIds, ...record.carried.acknowledged.map((a) => a.taskId)];
    const [entries, tasks, photos] = await Promise.all([
      entriesByIds(db, entryIds),
      tasksByIds(db, taskIds),
      photosBySha(
        db,
        record.count.flatMap((l) => l.photoSha256s),
      ),
    ]);
    return { row, entries, tasks, photos };
  }, [db, recordId]);
}
