/**
 * A duty written straight through the outbox, for the tests of everything except how a duty begins
 * and ends. The product never does this: a duty begins only by a signed handover or opening of the
 * desk and ends only by a signed handover or closing (H3, S1; sign-repo.ts), and the server refuses
 * a duty without its record (`duty_rule`). Tests of the outbox, sync and screens need a duty row
 * and its op without walking through a count and signatures first.
 */
import type { Duty } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import type { WriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import { insertRow, patchRow, runWrite } from '../../../src/client/db/write';

/** A duty for `ctx.actorStaffId` on this tablet from now, queued as a put op. */
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

/** The duty's end now, queued as a patch op (a field patch like any other, for the outbox tests). */
export async function endDuty(db: HandoverDb, ctx: WriteContext, dutyId: string): Promise<void> {
  await runWrite(db, [db.duty], () => patchRow(db, ctx, 'duty', dutyId, { endedAt: ctx.now() }));
}
