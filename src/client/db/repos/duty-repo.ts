/** Duties: one person's time on duty at this desk. */
import type { Duty } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { assertDutyUnlocked, lockTables } from './handover-locks';
import type { WriteContext } from './write-context';

/** Opens a duty for the signed-in person (`ctx.actorStaffId`) on this tablet, from now (T1). */
export async function startDuty(db: HandoverDb, ctx: WriteContext, input: { shiftId: string | null }): Promise<Duty> {
  return runWrite(db, [db.duty], () =>
    insertRow(db, ctx, 'duty', 'put', {
      id: newId(),
      siteId: ctx.siteId,
      staffId: ctx.actorStaffId,
      deviceId: ctx.deviceId,
      shiftId: input.shiftId,
      startedAt: ctx.now(),
      endedAt: null,
      handoverId: null,
    }),
  );
}

/**
 * Ends a duty now (T1). Ending a duty that has already ended keeps its first end time.
 * @throws RowNotFoundError when the duty is not on this tablet.
 * @throws LockedError when the duty has been handed over (H3): the signing ended it.
 */
export async function endDuty(db: HandoverDb, ctx: WriteContext, dutyId: string): Promise<void> {
  await runWrite(db, [db.duty, ...lockTables(db)], async () => {
    await assertDutyUnlocked(db, dutyId);
    const duty = await db.duty.get(dutyId);
    if (duty && duty.endedAt !== null) return;
    await patchRow(db, ctx, 'duty', dutyId, { endedAt: ctx.now() });
  });
}
