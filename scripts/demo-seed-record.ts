/**
 * The signed records that began every duty of the demo (H3, S1): the opening of the desk on the
 * first morning, then a handover at each change up to the shift on duty now, each built and hashed
 * exactly as a tablet builds it (chain.ts) and queued in the tablet's order: the draft, the incoming
 * person joining (H1) and acknowledging the carried instructions (H7), the fitness attestation
 * (H11(d)) and restatement, the signing, the record, the new duty. The server ends each outgoing
 * duty itself and re-checks every rule, so the demo's history is one a tablet could have written.
 */
import { entryDigest, hashRecord } from '../src/domain/chain';
import { LogEntry } from '../src/domain/entities';
import type { HandoverRecord, RecordCountLine } from '../src/domain/handover-entities';
import { newId } from '../src/domain/ids';
import { DEMO_ITEMS } from './demo-data';
import { entryAt, type EntryTimeline } from './demo-seed-entries';
import type { PlannedDuty, SeedEvent, SeedWorld } from './demo-seed-handover';
import type { Register } from './demo-seed-register';

const MINUTE = 60_000;
type RecordFields = Omit<HandoverRecord, 'hash' | 'updatedAt' | 'deleted'>;

const SIGNATURE = (d: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><path d="${d}" stroke="#111" stroke-width="3" fill="none"/></svg>`;
const STROKES = ['M10 60 C 40 10, 65 10, 95 60 S 150 110, 180 60', 'M20 70 Q 60 5, 100 70 T 190 50 L 260 40'];

const open = (from: number, to: number | null, at: number) => from <= at && (to === null || to > at);

/** H8: what the count found at `at`: every item to count present, less what was lent out then. */
function countAt(w: SeedWorld, r: Register, at: number): RecordCountLine[] {
  const held = new Set(r.custody.filter((c) => c.at <= at).map((c) => c.itemId));
  return DEMO_ITEMS.filter((item) => item.category !== 'custody' || held.has(w.itemIds.get(item.code) ?? '')).map(
    (item) => {
      const itemId = w.itemIds.get(item.code) ?? '';
      const loans = r.loans.filter((l) => l.itemId === itemId && open(l.at, l.returnedAt, at));
      const lent = loans.reduce((n, l) => n + l.quantity, 0);
      const expected = item.quantity ?? 1;
      return {
        itemId,
        code: item.code,
        label: item.label,
        category: item.category,
        expected,
        state: 'present' as const,
        quantity: expected - lent,
        lent,
        borrowers: loans.map((l) => l.party),
        explanation: '',
        photoSha256s: [],
      };
    },
  );
}

/** The entries of `duty` as they were at `at`. */
function dutyEntries(w: SeedWorld, t: EntryTimeline, duty: PlannedDuty, at: number): LogEntry[] {
  return (
    [...t.rows.keys()]
      .map((id) => entryAt(t, id, at))
      .filter((e): e is Record<string, unknown> => e !== undefined && e['dutyId'] === duty.id)
      // Digested as the server stores it: parsed, so the schema's defaults (F1/F2 fields) are in (D5).
      .map((e) => ({ ...LogEntry.omit({ updatedAt: true, deleted: true }).parse(e), updatedAt: '', deleted: false }))
  );
}

/**
 * Appends the ops of every record and duty. `acked` remembers who has acknowledged which
 * instruction (H7: a person acknowledges an instruction once, at the first handover they take it).
 */
export async function addDutyChain(
  w: SeedWorld,
  add: (e: SeedEvent) => void,
  deviceId: string,
  r: Register,
  t: EntryTimeline,
): Promise<void> {
  const acked = new Map<string, number>();
  let prevHash = w.chainHead;
  for (const [i, duty] of w.duties.entries()) {
    const outgoing = w.duties[i - 1];
    const signedAt = duty.startedAt;
    const handoverId = newId();
    const incomingStaffId = duty.staffId;
    const joinedAt = outgoing ? signedAt - 5 * MINUTE : null;
    const openedAt = outgoing ? duty.scheduledAt - 15 * MINUTE : signedAt - 8 * MINUTE;
    const draft = {
      ...w.base,
      id: handoverId,
      kind: outgoing ? 'handover' : 'opening',
      outgoingDutyId: outgoing?.id ?? null,
      outgoingStaffId: outgoing?.staffId ?? null,
      incomingStaffId: outgoing ? null : incomingStaffId,
      joinedAt: null,
      scheduledAt: duty.scheduledAt,
      openedAt,
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      recordReviewNote: outgoing ? '已閱上一班記錄，無須另行跟進' : '',
      anomalyAnswer: outgoing ? '大廈運作正常，無其他異常' : '開更時大廈運作正常',
      synthesis: '',
      fitness: outgoing ? 'unset' : 'fit',
      fitnessNote: '',
      fitnessAttestedBy: null,
      substituteStaffId: null,
      substituteApproval: null,
      status: 'preparing',
    };
    const by = outgoing?.staffId ?? incomingStaffId;
    add({ at: openedAt, table: 'handover', kind: 'put', rowId: handoverId, fields: draft, actor: by });

    const synthesis = '已點算全部物品；待辦事項及上級指示已閱，會繼續跟進';
    const instructions = r.tasks.filter(
      (task) => task.kind === 'instruction' && open(task.createdAt, task.closedAt, signedAt),
    );
    if (outgoing && joinedAt !== null) {
      const patch = (at: number, fields: Record<string, unknown>, actor: string) => {
        const baseVersion = Object.fromEntries(Object.keys(fields).map((k) => [k, 1]));
        add({ at, table: 'handover', kind: 'patch', rowId: handoverId, fields, baseVersion, actor });
      };
      patch(joinedAt, { joinedAt, incomingStaffId }, incomingStaffId);
      instructions.forEach((task, n) => {
        const key = `${task.id}/${incomingStaffId}`;
        if (acked.has(key)) return;
        const at = joinedAt + MINUTE + n * 1000;
        acked.set(key, at);
        const ack = { ...w.base, id: newId(), taskId: task.id, staffId: incomingStaffId, handoverId, recordedAt: at };
        const fields = { ...ack, deviceTime: at };
        add({ at, table: 'acknowledgement', kind: 'append', rowId: ack.id, fields, actor: incomingStaffId });
      });
      patch(joinedAt + 2 * MINUTE, { fitness: 'fit', fitnessAttestedBy: outgoing.staffId }, outgoing.staffId);
      patch(joinedAt + 3 * MINUTE, { synthesis }, incomingStaffId);
    }
    const signed = { status: 'signed' };
    add({
      at: signedAt,
      table: 'handover',
      kind: 'patch',
      rowId: handoverId,
      fields: signed,
      baseVersion: { status: 1 },
      actor: by,
    });

    const entries = outgoing ? dutyEntries(w, t, outgoing, signedAt) : [];
    const record: RecordFields = {
      ...w.base,
      id: newId(),
      kind: outgoing ? 'handover' : 'opening',
      handoverId,
      correctsId: null,
      outgoingDutyId: outgoing?.id ?? null,
      outgoingStaffId: outgoing?.staffId ?? null,
      incomingStaffId,
      newDutyId: duty.id,
      scheduledAt: duty.scheduledAt,
      openedAt,
      joinedAt,
      signedAt,
      // Every row was written by this same device (the seed), so the server counts them all as known.
      syncCursor: 0,
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      recordReviewNote: draft.recordReviewNote,
      anomalyAnswer: draft.anomalyAnswer,
      synthesis: outgoing ? synthesis : '',
      fitness: 'fit',
      fitnessNote: '',
      fitnessAttestedBy: outgoing?.staffId ?? null,
      substituteStaffId: null,
      substituteApproval: null,
      count: countAt(w, r, signedAt),
      duty: outgoing
        ? {
            id: outgoing.id,
            staffId: outgoing.staffId,
            startedAt: outgoing.startedAt,
            endedAt: signedAt,
            entries: await Promise.all(entries.map(async (e) => ({ id: e.id, hash: await entryDigest(e) }))),
          }
        : null,
      carried: {
        taskIds: r.tasks.filter((task) => open(task.createdAt, task.closedAt, signedAt)).map((task) => task.id),
        acknowledged: instructions.flatMap((task) => {
          const at = acked.get(`${task.id}/${incomingStaffId}`);
          return outgoing && at !== undefined ? [{ taskId: task.id, at }] : [];
        }),
        // H5: every major or emergency matter of the outgoing shift, handled or not.
        majorEntryIds: entries.filter((e) => e.severity !== 'routine').map((e) => e.id),
        overdueLoanIds: r.loans
          .filter((l) => open(l.at, l.returnedAt, signedAt) && l.dueAt < signedAt)
          .map((l) => l.id),
        openLoanIds: r.loans.filter((l) => open(l.at, l.returnedAt, signedAt)).map((l) => l.id),
        custodyIds: r.custody.filter((c) => c.at <= signedAt).map((c) => c.id),
      },
      blockersSeen: [],
      signatures: [
        ...(outgoing
          ? [{ role: 'outgoing' as const, staffId: outgoing.staffId, signedAt, svg: SIGNATURE(STROKES[0]!) }]
          : []),
        { role: 'incoming' as const, staffId: incomingStaffId, signedAt, svg: SIGNATURE(STROKES[1]!) },
      ],
      note: '',
      prevHash,
    };
    const hash = await hashRecord(record);
    prevHash = hash;
    add({
      at: signedAt,
      table: 'handoverRecord',
      kind: 'put',
      rowId: record.id,
      fields: { ...record, hash },
      actor: incomingStaffId,
    });
    const dutyRow = {
      ...w.base,
      id: duty.id,
      staffId: incomingStaffId,
      deviceId,
      shiftId: duty.shiftId,
      startedAt: signedAt,
      endedAt: null,
      handoverId: record.id,
    };
    add({ at: signedAt, table: 'duty', kind: 'put', rowId: duty.id, fields: dutyRow, actor: incomingStaffId });
  }
}
