/**
 * The demo's three days of duty-record entries (F3, D1, H6) and their amendments (D5) as sync ops,
 * with each entry's content over time: a signed record locks a digest of its duty's entries as
 * they were at the signing (H3), and the gate at each handover sees which matters were still open
 * (H11). A major matter referred to a department opens linked pending work (H4).
 */
import { newId } from '../src/domain/ids';
import { DEMO_AMENDMENTS, DEMO_DUTIES, DEMO_ENTRIES } from './demo-data';
import type { SeedEvent, SeedWorld } from './demo-seed-handover';
import type { RegisterTask } from './demo-seed-register';

/** Each entry's first content and the patches its amendments made, in time order. */
export interface EntryTimeline {
  rows: Map<string, Record<string, unknown>>;
  patches: Map<string, { at: number; fields: Record<string, unknown> }[]>;
}

/** An entry's content at `at` (undefined before it was written). */
export function entryAt(t: EntryTimeline, id: string, at: number): Record<string, unknown> | undefined {
  const row = t.rows.get(id);
  if (!row || Number(row['recordedAt']) > at) return undefined;
  return Object.assign({}, row, ...(t.patches.get(id) ?? []).filter((p) => p.at <= at).map((p) => p.fields));
}

/** The entries of the demo's history, written on their duties; returns their timeline and referral tasks. */
export function addEntries(
  w: SeedWorld,
  add: (e: SeedEvent) => void,
): { timeline: EntryTimeline; referrals: RegisterTask[] } {
  const ids = new Map<string, string>();
  const timeline: EntryTimeline = { rows: new Map(), patches: new Map() };
  for (const e of DEMO_ENTRIES) {
    const id = newId();
    ids.set(e.key, id);
    const duty = DEMO_DUTIES.find((d) => d.day === e.day && d.shift === e.shift);
    const occurredAt = w.time(e);
    const recordedAt = occurredAt + 3 * 60_000;
    const actor = w.staffId(duty?.staff ?? 'desk1');
    const { key: _key, day: _day, at: _at, nextDay: _next, shift: _shift, operationEnd, ...text } = e;
    const fields = {
      ...w.base,
      ...text,
      id,
      party: e.party ?? '',
      contact: e.contact ?? '',
      referredTo: '',
      operationEndedAt: operationEnd ? w.time({ day: e.day, at: operationEnd, nextDay: e.nextDay ?? false }) : null,
      backdateReason: '',
      dutyId: w.dutyIds.get(`${e.day}/${e.shift}`),
      staffId: actor,
      occurredAt,
      recordedAt,
      deviceTime: recordedAt,
    };
    timeline.rows.set(id, fields);
    add({ at: recordedAt, table: 'logEntry', kind: 'put', rowId: id, fields, actor });
  }

  const referrals: RegisterTask[] = [];
  const versions = new Map<string, number>();
  for (const a of DEMO_AMENDMENTS) {
    const at = w.time(a);
    const entryId = ids.get(a.entry) ?? '';
    const actor = w.staffId(a.by);
    const statusChange = a.resolve ? 'resolved' : a.refer ? 'referred' : null;
    const amendment = { ...w.base, id: newId(), entryId, staffId: actor, text: a.text, statusChange, recordedAt: at };
    const fields = { ...amendment, deviceTime: at };
    add({ at, table: 'logAmendment', kind: 'append', rowId: amendment.id, fields, actor });
    const patch = a.resolve
      ? { status: 'resolved', result: a.resolve.result }
      : a.refer
        ? { status: 'referred', referredTo: a.refer.to }
        : null;
    if (!patch) continue;
    // Each field of the entry was written once by its put; a second status change patches version 2.
    const status = (versions.get(entryId) ?? 0) + 1;
    versions.set(entryId, status);
    const baseVersion = Object.fromEntries(Object.keys(patch).map((k) => [k, k === 'status' ? status : 1]));
    add({ at, table: 'logEntry', kind: 'patch', rowId: entryId, fields: patch, baseVersion, actor });
    timeline.patches.set(entryId, [...(timeline.patches.get(entryId) ?? []), { at, fields: patch }]);
    if (a.refer) {
      const cause = String(timeline.rows.get(entryId)?.['cause'] ?? a.refer.task);
      referrals.push(referralTask(w, add, { entryId, at, actor, title: a.refer.task, cause, process: a.text }));
    }
  }
  closeReferrals(w, add, referrals, timeline);
  return { timeline, referrals };
}

/** H4: the pending work a referral opens, linked to its entry and carried at every handover. */
function referralTask(
  w: SeedWorld,
  add: (e: SeedEvent) => void,
  r: { entryId: string; at: number; actor: string; title: string; cause: string; process: string },
): RegisterTask {
  const id = newId();
  const fields = {
    ...w.base,
    id,
    kind: 'maintenance',
    title: r.title,
    cause: r.cause,
    process: r.process,
    result: '',
    important: false,
    status: 'open',
    createdBy: r.actor,
    createdAt: r.at,
    dutyId: w.dutyAt(r.at)?.id ?? null,
    sourceTable: 'logEntry',
    sourceId: r.entryId,
    itemId: null,
    closedBy: null,
    closedAt: null,
  };
  add({ at: r.at, table: 'task', kind: 'put', rowId: id, fields, actor: r.actor });
  return { id, kind: 'maintenance', createdAt: r.at, closedAt: null, sourceId: r.entryId };
}

/** A referral's pending work is done when its entry is finally resolved, with the entry's result. */
function closeReferrals(
  w: SeedWorld,
  add: (e: SeedEvent) => void,
  referrals: RegisterTask[],
  timeline: EntryTimeline,
): void {
  for (const task of referrals) {
    const resolved = (timeline.patches.get(task.sourceId ?? '') ?? []).find((p) => p.fields['status'] === 'resolved');
    if (!resolved) continue;
    const actor = String(timeline.rows.get(task.sourceId ?? '')?.['staffId'] ?? '');
    const closer = w.dutyAt(resolved.at)?.staffId ?? actor;
    const fields = { status: 'done', result: resolved.fields['result'], closedBy: closer, closedAt: resolved.at };
    const baseVersion = { status: 1, result: 1, closedBy: 1, closedAt: 1 };
    add({ at: resolved.at, table: 'task', kind: 'patch', rowId: task.id, fields, baseVersion, actor: closer });
    task.closedAt = resolved.at;
  }
}
