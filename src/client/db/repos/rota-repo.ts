/**
 * The rota (S1, S2): shifts arranged by the section chief, and swap or cover requests that change
 * it only once a section chief has confirmed and the property office manager has approved.
 */
import type { Role, Site } from '../../../domain/entities';
import { newId } from '../../../domain/ids';
import {
  UNDECIDED_SWAP,
  DayString,
  type RotaShift,
  type SwapKind,
  type SwapRequest,
} from '../../../domain/rota-entities';
import { checkSwapTransition, shiftBounds, type SwapTransitionError } from '../../../domain/swap-rules';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, queueOp, runWrite } from '../write';
import { isEmpty, plain } from './repo-helpers';
import type { WriteContext } from './write-context';

export type RotaShiftErrors = { shiftId?: 'invalid'; staffId?: 'required' | 'alreadyRostered' };
export type SwapRequestErrors = { reason?: 'required'; substituteId?: 'required' | 'same'; otherShiftId?: 'required' };

/**
 * Rosters a person on a shift template of a building day (S1, S2), or changes a rostered shift
 * (with `id`). Start and end come from the template in the building's zone (T1; an end at or
 * before the start is the next day). One person cannot be rostered twice on the same shift of a
 * day (`staffId: 'alreadyRostered'`). Nothing is written on errors.
 * @throws RangeError for a day that is not YYYY-MM-DD; RowNotFoundError for an unknown `id`.
 */
export async function saveRotaShift(
  db: HandoverDb,
  ctx: WriteContext,
  input: { id?: string; staffId: string; day: string; shiftId: string; note: string },
  site: Site,
): Promise<Result<RotaShift, RotaShiftErrors>> {
  if (!DayString.safeParse(input.day).success) throw new RangeError(`not a building day: ${input.day}`);
  const errors: RotaShiftErrors = {};
  const template = site.shifts.find((s) => s.id === input.shiftId);
  if (!template) errors.shiftId = 'invalid';
  if (input.staffId.trim() === '') errors.staffId = 'required';
  return runWrite(db, [db.rotaShift], async () => {
    const prev = input.id === undefined ? null : await db.rotaShift.get(input.id);
    if (input.id !== undefined && (!prev || prev.deleted)) throw new RowNotFoundError('rotaShift', input.id);
    if (!errors.staffId && !errors.shiftId) {
      const sameDay = await db.rotaShift.where('day').equals(input.day).toArray();
      const twice = sameDay.some(
        (s) => !s.deleted && s.id !== input.id && s.staffId === input.staffId && s.shiftId === input.shiftId,
      );
      if (twice) errors.staffId = 'alreadyRostered';
    }
    if (!template || !isEmpty(errors)) return fail(errors);
    const fields = {
      staffId: input.staffId,
      day: input.day,
      shiftId: input.shiftId,
      ...shiftBounds(input.day, template, site.timeZone),
      note: input.note.trim(),
    };
    if (!prev) return ok(await insertRow(db, ctx, 'rotaShift', 'put', { id: newId(), siteId: ctx.siteId, ...fields }));
    await patchRow(db, ctx, 'rotaShift', prev.id, fields);
    return ok({ ...plain(prev), ...fields });
  });
}

/**
 * Takes a shift off the rota (a tombstone, op kind delete). Removing it twice changes nothing.
 * @throws RowNotFoundError when the shift is not on this tablet.
 */
export async function removeRotaShift(db: HandoverDb, ctx: WriteContext, id: string): Promise<void> {
  await runWrite(db, [db.rotaShift], async () => {
    const row = await db.rotaShift.get(id);
    if (!row) throw new RowNotFoundError('rotaShift', id);
    if (row.deleted) return;
    const op = await queueOp(db, ctx, { table: 'rotaShift', rowId: id, kind: 'delete', fields: {} });
    await db.rotaShift.put({ ...row, deleted: true, updatedAt: op.hlc });
  });
}

/**
 * S1: the signed-in person asks to give their rostered shift to a substitute (cover) or to
 * exchange it for the substitute's shift (swap). It changes nothing until confirmed and approved.
 * Nothing is written on errors.
 * @throws RowNotFoundError when a named shift is not on this tablet.
 */
export async function requestSwap(
  db: HandoverDb,
  ctx: WriteContext,
  input: { kind: SwapKind; rotaShiftId: string; substituteId: string; otherShiftId: string | null; reason: string },
): Promise<Result<SwapRequest, SwapRequestErrors>> {
  const errors: SwapRequestErrors = {};
  const reason = input.reason.trim();
  if (reason === '') errors.reason = 'required';
  if (input.substituteId.trim() === '') errors.substituteId = 'required';
  else if (input.substituteId === ctx.actorStaffId) errors.substituteId = 'same';
  const otherShiftId = input.kind === 'swap' ? input.otherShiftId : null;
  if (input.kind === 'swap' && (otherShiftId === null || otherShiftId === '')) errors.otherShiftId = 'required';
  if (!isEmpty(errors)) return fail(errors);
  return runWrite(db, [db.rotaShift, db.swapRequest], async () => {
    for (const id of [input.rotaShiftId, otherShiftId]) {
      if (id === null) continue;
      const shift = await db.rotaShift.get(id);
      if (!shift || shift.deleted) throw new RowNotFoundError('rotaShift', id);
    }
    return ok(
      await insertRow(db, ctx, 'swapRequest', 'put', {
        id: newId(),
        siteId: ctx.siteId,
        kind: input.kind,
        rotaShiftId: input.rotaShiftId,
        requesterId: ctx.actorStaffId,
        substituteId: input.substituteId,
        otherShiftId,
        reason,
        status: 'requested' as const,
        requestedAt: ctx.now(),
        ...UNDECIDED_SWAP,
      }),
    );
  });
}

type SwapAction = 'confirm' | 'approve' | 'reject' | 'withdraw';

/** What each decision writes (S1); domain checkSwapTransition says whether it may. */
function decision(action: SwapAction, actorId: string, at: number, note: string): Partial<SwapRequest> {
  switch (action) {
    case 'confirm':
      return { status: 'confirmed', confirmedBy: actorId, confirmedAt: at, ...(note ? { decisionNote: note } : {}) };
    case 'approve':
      return { status: 'approved', approvedBy: actorId, approvedAt: at, ...(note ? { decisionNote: note } : {}) };
    case 'reject':
      return { status: 'rejected', decidedBy: actorId, decidedAt: at, decisionNote: note };
    case 'withdraw':
      return { status: 'withdrawn', decidedBy: actorId, decidedAt: at, decisionNote: note };
  }
}

/**
 * S1: a section chief confirms, then the property office manager approves; a chief or manager
 * may reject while pending; the requester may withdraw while pending. The step is checked with
 * domain checkSwapTransition; a refused step writes nothing and returns its reason.
 * @throws RowNotFoundError when the request is not on this tablet.
 */
export async function decideSwap(
  db: HandoverDb,
  ctx: WriteContext,
  input: { swapId: string; action: SwapAction; note: string },
  actorRole: Role,
): Promise<Result<SwapRequest, { action: SwapTransitionError }>> {
  return runWrite(db, [db.swapRequest], async () => {
    const stored = await db.swapRequest.get(input.swapId);
    if (!stored || stored.deleted) throw new RowNotFoundError('swapRequest', input.swapId);
    const prev = plain(stored);
    const patch = decision(input.action, ctx.actorStaffId, ctx.now(), input.note.trim());
    const next = { ...prev, ...patch };
    const error = checkSwapTransition(prev, next, { id: ctx.actorStaffId, role: actorRole });
    if (error !== null) return fail({ action: error });
    await patchRow(db, ctx, 'swapRequest', prev.id, patch);
    return ok(next);
  });
}
