/**
 * Opening and closing the desk in the sync simulation (H3, S1), written as the tablet signs: in one
 * Dexie transaction the draft, its signing, the signed record and (opening) the new duty, queued in
 * that order through the client's one write path. A closing ends the duty locally without an op:
 * the server ends it itself when it applies the record, and every tablet pulls that end.
 */
import { GENESIS_HASH, entryDigest, hashRecord } from '../../src/domain/chain';
import type { Duty } from '../../src/domain/entities';
import type { HandoverKind, HandoverRecord } from '../../src/domain/handover-entities';
import { newId } from '../../src/domain/ids';
import { getMeta } from '../../src/client/db/meta';
import { insertRow, patchRow, runWrite } from '../../src/client/db/write';
import type { WriteContext } from '../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../src/client/db/schema';
import type { SyncEngine } from '../../src/client/sync/sync-engine';

/** One connection of a tablet, its engine and the person writing (the simulation's desk view). */
export interface Tablet {
  name: string;
  db: HandoverDb;
  engine: SyncEngine;
  ctx: WriteContext;
}

const HOUR = 3_600_000;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M2 30 C 20 2, 40 2, 60 30"/></svg>';

/** The building's open duty as this tablet knows it (H3: at most one). */
export async function openDuty(t: Tablet): Promise<Duty | undefined> {
  const duties = await t.db.duty.toArray();
  return duties.find((d) => d.endedAt === null && !d.deleted);
}

/**
 * S1: `staffId` on the rota from three hours ago for eight hours, written by the tablet's admin:
 * rostered now (the desk may be opened), and no shift starts near the end of the run (it may close).
 */
export async function rosterNow(t: Tablet, staffId: string): Promise<void> {
  const now = t.ctx.now();
  const startsAt = now - 3 * HOUR;
  await runWrite(t.db, [t.db.rotaShift], () =>
    insertRow(t.db, t.ctx, 'rotaShift', 'put', {
      id: newId(),
      siteId: t.ctx.siteId,
      staffId,
      day: new Date(startsAt + 8 * HOUR).toISOString().slice(0, 10),
      shiftId: 'day',
      startsAt,
      endsAt: startsAt + 8 * HOUR,
      note: '',
    }),
  );
}

/** The hash of the newest signed record this tablet holds, or GENESIS_HASH. */
async function chainTip(t: Tablet): Promise<string> {
  const records = await t.db.handoverRecord.toArray();
  return records.sort((a, b) => a.signedAt - b.signedAt).at(-1)?.hash ?? GENESIS_HASH;
}

type RecordFields = Omit<HandoverRecord, 'updatedAt' | 'deleted'>;

/** Signs `kind` for the tablet's person now; returns the record. */
async function sign(t: Tablet, kind: HandoverKind, duty: Duty | null): Promise<RecordFields> {
  const { db, ctx } = t;
  const person = ctx.actorStaffId;
  const signedAt = ctx.now();
  const draftId = newId();
  const entries = duty ? (await db.logEntry.toArray()).filter((e) => e.dutyId === duty.id && !e.deleted) : [];
  const digests = await Promise.all(entries.map(async (e) => ({ id: e.id, hash: await entryDigest(e) })));
  const content: Omit<RecordFields, 'hash'> = {
    id: newId(),
    siteId: ctx.siteId,
    kind,
    handoverId: draftId,
    correctsId: null,
    outgoingDutyId: duty?.id ?? null,
    outgoingStaffId: duty ? person : null,
    incomingStaffId: duty ? null : person,
    newDutyId: duty ? null : newId(),
    scheduledAt: null,
    openedAt: signedAt - 60_000,
    joinedAt: null,
    signedAt,
    syncCursor: (await getMeta(db, 'cursor')) ?? 0,
    recordReviewed: true,
    equipmentChecked: true,
    pendingReviewed: true,
    anomaliesAsked: true,
    recordReviewNote: '',
    anomalyAnswer: 'Nothing abnormal',
    synthesis: '',
    fitness: 'fit',
    fitnessNote: '',
    fitnessAttestedBy: null,
    substituteStaffId: null,
    substituteApproval: null,
    count: [],
    duty: duty && { id: duty.id, staffId: person, startedAt: duty.startedAt, endedAt: signedAt, entries: digests },
    carried: { taskIds: [], acknowledged: [], majorEntryIds: [], overdueLoanIds: [], openLoanIds: [], custodyIds: [] },
    blockersSeen: [],
    signatures: [{ role: duty ? 'outgoing' : 'incoming', staffId: person, signedAt, svg: SVG }],
    note: '',
    prevHash: await chainTip(t),
  };
  const record = { ...content, hash: await hashRecord(content) };
  await runWrite(db, [db.handover, db.handoverRecord, db.duty], async () => {
    await insertRow(db, ctx, 'handover', 'put', {
      id: draftId,
      siteId: ctx.siteId,
      kind,
      outgoingDutyId: record.outgoingDutyId,
      outgoingStaffId: record.outgoingStaffId,
      incomingStaffId: record.incomingStaffId,
      joinedAt: null,
      scheduledAt: null,
      openedAt: record.openedAt,
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      recordReviewNote: '',
      anomalyAnswer: record.anomalyAnswer,
      synthesis: '',
      fitness: 'fit',
      fitnessNote: '',
      fitnessAttestedBy: null,
      substituteStaffId: null,
      substituteApproval: null,
      status: 'preparing',
    });
    // The tablet's order (contract rule 1): the draft signed, the record, the new duty; no duty end.
    await patchRow(db, ctx, 'handover', draftId, { status: 'signed' });
    await insertRow(db, ctx, 'handoverRecord', 'put', record);
    if (record.newDutyId !== null) {
      await insertRow(db, ctx, 'duty', 'put', {
        id: record.newDutyId,
        siteId: ctx.siteId,
        staffId: person,
        deviceId: ctx.deviceId,
        shiftId: 'day',
        startedAt: signedAt,
        endedAt: null,
        handoverId: record.id,
      });
    }
    if (duty) await db.duty.update(duty.id, { endedAt: signedAt });
  });
  return record;
}

/** H3, S1: the tablet's person opens the desk (no duty open); returns the new duty's id. */
export async function openDesk(t: Tablet): Promise<string> {
  return String((await sign(t, 'opening', null)).newDutyId);
}

/** H3: the tablet's person closes the desk (no shift follows); returns the closing record. */
export async function closeDesk(t: Tablet, duty: Duty): Promise<RecordFields> {
  return sign(t, 'closing', duty);
}
