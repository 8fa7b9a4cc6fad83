/**
 * The demo's signed handover (H3) at the start of the shift on duty now, built and hashed exactly
 * as a tablet builds it (chain.ts), so the first count in the demo is pre-filled from a real
 * closing count and the building's hash chain starts with a real record.
 */
import { GENESIS_HASH, entryDigest, hashRecord } from '../src/domain/chain';
import type { LogEntry } from '../src/domain/entities';
import type { HandoverRecord } from '../src/domain/handover-entities';
import { newId } from '../src/domain/ids';
import { DEMO_ITEMS } from './demo-data';
import type { Register, SeedEvent, SeedWorld } from './demo-seed-handover';

const SIGNATURE = (d: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><path d="${d}" stroke="#111" stroke-width="3" fill="none"/></svg>`;

/** The handover at the start of the shift on duty now: from the previous duty to desk1. */
export async function addSignedHandover(w: SeedWorld, add: (e: SeedEvent) => void, deviceId: string, r: Register) {
  const current = w.slots.list[w.slots.current]!;
  const prevKey = w.slots.current < 6 ? null : w.slots.current === 6 ? '2/night' : `slot/${w.slots.current - 1}`;
  const outgoingDutyId = prevKey ? w.dutyIds.get(prevKey) : undefined;
  const outgoingDuty = outgoingDutyId ? w.dutyRows.get(outgoingDutyId) : undefined;
  if (!outgoingDutyId || !outgoingDuty) return;
  const outgoingStaffId = String(outgoingDuty['staffId']);
  const incomingStaffId = w.staffId(current.staff);
  const signedAt = Number(outgoingDuty['endedAt']);
  const openedAt = signedAt - 12 * 60_000;
  const handoverId = newId();
  const checklist = { recordReviewed: true, equipmentChecked: true, pendingReviewed: true, anomaliesAsked: true };
  const talk = {
    recordReviewNote: '已閱上一班記錄；旋轉門感應器仍待工程部更換',
    anomalyAnswer: '大廈運作正常，無其他異常',
    synthesis: '垃圾房鎖匙仍借予清潔公司未還，須追回；週五消防演習要提醒租戶',
  };
  // H1: the incoming person joined with their PIN 7 minutes before the change (due 5 minutes before).
  const joinedAt = signedAt - 7 * 60_000;
  const fitness = {
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: outgoingStaffId,
    substituteStaffId: null,
    substituteApproval: null,
  };
  const draft = {
    ...w.base,
    id: handoverId,
    kind: 'handover',
    outgoingDutyId,
    outgoingStaffId,
    incomingStaffId,
    scheduledAt: current.startsAt,
    openedAt,
    joinedAt,
  };
  add({
    at: openedAt,
    table: 'handover',
    kind: 'put',
    rowId: handoverId,
    fields: { ...draft, ...checklist, ...talk, ...fitness, status: 'preparing' },
    actor: outgoingStaffId,
  });
  add({
    at: signedAt,
    table: 'handover',
    kind: 'patch',
    rowId: handoverId,
    fields: { status: 'signed' },
    baseVersion: { status: 1 },
    actor: outgoingStaffId,
  });

  const entries = [...w.entryRows.values()].filter((e) => e['dutyId'] === outgoingDutyId);
  const digests = await Promise.all(
    entries.map(async (e) => ({
      id: String(e['id']),
      hash: await entryDigest({ ...e, updatedAt: '', deleted: false } as LogEntry),
    })),
  );
  const newDutyId = newId();
  const recordId = newId();
  const record: Omit<HandoverRecord, 'hash' | 'updatedAt' | 'deleted'> = {
    ...w.base,
    id: recordId,
    kind: 'handover',
    handoverId,
    correctsId: null,
    outgoingDutyId,
    outgoingStaffId,
    incomingStaffId,
    newDutyId,
    scheduledAt: current.startsAt,
    openedAt,
    joinedAt,
    signedAt,
    // Seeded straight into the server: the building had no rows a tablet could have pulled before.
    syncCursor: 0,
    ...checklist,
    ...talk,
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: outgoingStaffId,
    substituteStaffId: null,
    substituteApproval: null,
    count: DEMO_ITEMS.map((item) => {
      const itemId = w.itemIds.get(item.code) ?? '';
      const loan = r.lent.get(itemId);
      const expected = item.quantity ?? 1;
      return {
        itemId,
        code: item.code,
        label: item.label,
        category: item.category,
        expected,
        state: 'present' as const,
        quantity: expected - (loan?.quantity ?? 0),
        lent: loan?.quantity ?? 0,
        borrowers: loan?.borrowers ?? [],
        explanation: '',
        photoSha256s: [],
      };
    }),
    duty: {
      id: outgoingDutyId,
      staffId: outgoingStaffId,
      startedAt: Number(outgoingDuty['startedAt']),
      endedAt: signedAt,
      entries: digests,
    },
    carried: {
      taskIds: r.taskIds,
      acknowledged: [],
      majorEntryIds: [],
      overdueLoanIds: r.overdueLoanIds,
      openLoanIds: r.openLoanIds,
      custodyIds: r.custodyIds,
    },
    blockersSeen: [],
    signatures: [
      {
        role: 'outgoing',
        staffId: outgoingStaffId,
        signedAt,
        svg: SIGNATURE('M10 60 C 40 10, 65 10, 95 60 S 150 110, 180 60'),
      },
      {
        role: 'incoming',
        staffId: incomingStaffId,
        signedAt,
        svg: SIGNATURE('M20 70 Q 60 5, 100 70 T 190 50 L 260 40'),
      },
    ],
    note: '',
    prevHash: GENESIS_HASH,
  };
  const hash = await hashRecord(record);
  add({
    at: signedAt,
    table: 'handoverRecord',
    kind: 'put',
    rowId: recordId,
    fields: { ...record, hash },
    actor: incomingStaffId,
  });
  const duty = {
    ...w.base,
    id: newDutyId,
    staffId: incomingStaffId,
    deviceId,
    shiftId: current.shiftId,
    startedAt: signedAt,
    endedAt: null,
    handoverId: recordId,
  };
  add({ at: signedAt, table: 'duty', kind: 'put', rowId: newDutyId, fields: duty, actor: incomingStaffId });
}
