/**
 * D5, issue 8 point 7: the tablet keeps only its local window (`site.localWindowDays` building
 * days). Older duty-record entries with their amendments, and finished tasks with their notes and
 * read receipts, are deleted from this tablet only: no outbox op is made, so the server keeps
 * everything (its search reaches them). A pruned row is simply absent here: a pull never reads an
 * absence as a deletion, and should the server send a pruned row again (a late change to it), it
 * comes back whole and is pruned again by a later run.
 *
 * Never pruned: a row with a queued op, or one whose child has one; the duty in progress and its
 * entries; an entry still open or an equipment operation without its end (the handover gate reads
 * them, H11); an entry that an open task, an undecided escalation or an unsettled paid-service order
 * points at; an open task. Duties, handovers, signed records (the chain head), count lines, item
 * movements (loans, custody) and photos are not pruned at all. Each run deletes at most `limit`
 * entries and `limit` tasks, so a tablet that was offline a long time catches up over a few runs.
 */
import { dayBounds, dayKeyOf, shiftDayKey } from '../../domain/building-day';
import type { HandoverDb } from './schema';

/**
 * The first building day the tablet holds: its window is `windowDays` building days, today
 * included. Here, not in the search chunk, so the prune run at every sync loads no search code.
 */
export function windowStartDay(nowMs: number, timeZone: string, windowDays: number): string {
  return shiftDayKey(dayKeyOf(nowMs, timeZone), -(windowDays - 1));
}

/** Rows of each kind deleted per run at most. */
export const PRUNE_BATCH = 500;

export interface PruneOutcome {
  entries: number;
  amendments: number;
  tasks: number;
  notes: number;
}

/** Delete this tablet's rows older than its window; see the module comment for what is kept. */
export async function pruneLocalWindow(db: HandoverDb, nowMs: number, limit = PRUNE_BATCH): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { entries: 0, amendments: 0, tasks: 0, notes: 0 };
  const site = await db.site.toCollection().first();
  if (!site) return outcome;
  const cutoff = dayBounds(windowStartDay(nowMs, site.timeZone, site.localWindowDays ?? 90), site.timeZone).fromMs;
  const tables = [
    db.logEntry,
    db.logAmendment,
    db.task,
    db.taskNote,
    db.acknowledgement,
    db.outbox,
    db.duty,
    db.escalation,
    db.serviceOrder,
  ];
  await db.transaction('rw', tables, async () => {
    const queued = new Set((await db.outbox.toArray()).map((op) => `${op.table}:${op.rowId}`));
    const openDuties = new Set((await db.duty.filter((d) => d.endedAt === null).primaryKeys()) as string[]);
    const needed = new Set<string>();
    for (const t of await db.task.where('status').equals('open').toArray()) if (t.sourceId) needed.add(t.sourceId);
    for (const e of await db.escalation.filter((x) => x.decidedAt === null).toArray()) needed.add(e.entryId);
    for (const o of await db.serviceOrder.filter((x) => x.status === 'issued' || x.status === 'done').toArray()) {
      needed.add(o.entryId);
    }

    const entries = await db.logEntry
      .where('occurredAt')
      .below(cutoff)
      .filter(
        (e) =>
          e.status !== 'open' &&
          !(e.kind === 'equipmentOp' && e.operationEndedAt === null) &&
          !openDuties.has(e.dutyId) &&
          !needed.has(e.id) &&
          !queued.has(`logEntry:${e.id}`),
      )
      .limit(limit)
      .toArray();
    for (const entry of entries) {
      const amendments = await db.logAmendment.where('entryId').equals(entry.id).toArray();
      if (amendments.some((a) => queued.has(`logAmendment:${a.id}`))) continue;
      await db.logAmendment.bulkDelete(amendments.map((a) => a.id));
      await db.logEntry.delete(entry.id);
      outcome.entries += 1;
      outcome.amendments += amendments.length;
    }

    const tasks = await db.task
      .where('status')
      .anyOf('done', 'withdrawn')
      .filter((t) => (t.closedAt ?? t.createdAt) < cutoff && !queued.has(`task:${t.id}`))
      .limit(limit)
      .toArray();
    for (const task of tasks) {
      const notes = await db.taskNote.where('taskId').equals(task.id).toArray();
      const acks = await db.acknowledgement.where('taskId').equals(task.id).toArray();
      if (
        notes.some((n) => queued.has(`taskNote:${n.id}`)) ||
        acks.some((a) => queued.has(`acknowledgement:${a.id}`))
      ) {
        continue;
      }
      await db.taskNote.bulkDelete(notes.map((n) => n.id));
      await db.acknowledgement.bulkDelete(acks.map((a) => a.id));
      await db.task.delete(task.id);
      outcome.tasks += 1;
      outcome.notes += notes.length;
    }
  });
  return outcome;
}
