/**
 * How people come to the desk (H1, H3, S1, H11(d)): the person rostered now opens the desk when no
 * duty is open; the incoming person joins the handover with their PIN on arrival; the chief and
 * the manager approve a substitute for an unfit incoming person. The screen has checked each
 * person's PIN (pin-check.ts, with the lockout) BEFORE calling these; every op is that person's.
 */
import { rosteredNow } from '../../../domain/desk-rules';
import type { Site } from '../../../domain/entities';
import type { Handover, SubstituteApproval } from '../../../domain/handover-entities';
import { newId } from '../../../domain/ids';
import { RowNotFoundError } from '../errors';
import { openDuties } from '../queries/desk-queries';
import { rotaBetween } from '../queries/rota-queries';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { blankDraft } from './handover-repo';
import { assertHandoverUnlocked, lockTables } from './handover-locks';
import type { WriteContext } from './write-context';

const DAY_MS = 86_400_000;

/**
 * dutyOpen: a duty is open in the building (as this tablet knows it): join its handover instead;
 * notRostered: `ctx.actorStaffId` is not rostered now (S1).
 */
export type OpenDeskError = 'dutyOpen' | 'notRostered';

/**
 * "Open the desk" (H3, S1): with no duty open in the building, the person rostered now (or covering
 * by an approved swap) opens it: a draft of kind `opening`, whose count is taken against the last
 * closing count (H8) and which they sign alone. Returns their opening already being prepared, if any.
 */
export async function openDesk(
  db: HandoverDb,
  ctx: WriteContext,
  site: Pick<Site, 'incomingLeadMinutes'>,
): Promise<Result<Handover, OpenDeskError>> {
  const now = ctx.now();
  return runWrite(db, [db.duty, db.rotaShift, db.swapRequest, ...lockTables(db)], async () => {
    const mine = (await db.handover.where('status').equals('preparing').toArray())
      .filter((h) => !h.deleted && h.kind === 'opening' && h.incomingStaffId === ctx.actorStaffId)
      .sort((a, b) => b.openedAt - a.openedAt)
      .at(0);
    if ((await openDuties(db)).length > 0) return fail('dutyOpen' as const);
    if (mine) return ok(mine);
    const { assignments } = await rotaBetween(db, now - DAY_MS, now + DAY_MS);
    const shift = rosteredNow(assignments, ctx.actorStaffId, now, site.incomingLeadMinutes);
    if (!shift) return fail('notRostered' as const);
    return ok(
      await insertRow(db, ctx, 'handover', 'put', {
        id: newId(),
        siteId: ctx.siteId,
        kind: 'opening' as const,
        outgoingDutyId: null,
        outgoingStaffId: null,
        incomingStaffId: ctx.actorStaffId,
        // The opener is at the desk, signed in with their PIN: their arrival is the opening.
        joinedAt: now,
        scheduledAt: shift.startsAt,
        openedAt: now,
        ...blankDraft(),
        status: 'preparing' as const,
      }),
    );
  });
}

/** Inside a write: the draft, checked not signed. */
async function unlockedDraft(db: HandoverDb, handoverId: string): Promise<Handover> {
  const h = await db.handover.get(handoverId);
  if (!h || h.deleted) throw new RowNotFoundError('handover', handoverId);
  await assertHandoverUnlocked(db, h);
  return h;
}

/** notHandover: an opening or closing has nobody joining; outgoing: the outgoing person cannot take over; taken: someone else joined. */
export type JoinError = 'notHandover' | 'outgoing' | 'taken';

/**
 * H1: the incoming person (`ctx.actorStaffId`) joins the handover on arrival, having entered their
 * PIN. The arrival time is recorded (lateness is measured from it against the rota); from now on
 * the count taps, read receipts and restatement are theirs (H7, H8, H9). Joining again changes nothing.
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function joinHandover(
  db: HandoverDb,
  ctx: WriteContext,
  handoverId: string,
): Promise<Result<Handover, JoinError>> {
  return runWrite(db, lockTables(db), async () => {
    const h = await unlockedDraft(db, handoverId);
    if (h.kind !== 'handover') return fail('notHandover' as const);
    if (h.outgoingStaffId === ctx.actorStaffId) return fail('outgoing' as const);
    if (h.joinedAt !== null) return h.incomingStaffId === ctx.actorStaffId ? ok(h) : fail('taken' as const);
    const joined = { incomingStaffId: ctx.actorStaffId, joinedAt: ctx.now() };
    await patchRow(db, ctx, 'handover', h.id, joined);
    return ok({ ...h, ...joined });
  });
}

/** noSubstitute: no substitute is named for an unfit person; role: the approver is not an active chief/manager, or gave both parts. */
export type ApprovalError = 'noSubstitute' | 'role';

const NO_APPROVAL: SubstituteApproval = {
  swapRequestId: null,
  chiefStaffId: null,
  chiefAt: null,
  managerStaffId: null,
  managerAt: null,
};

/**
 * H11(d), S1: the section chief's confirmation or the property office manager's approval of the
 * named substitute, given on the spot by `ctx.actorStaffId` with their PIN. Both are needed, by two
 * different people; the op is the approver's own.
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function approveSubstitute(
  db: HandoverDb,
  ctx: WriteContext,
  input: { handoverId: string; as: 'chief' | 'manager' },
): Promise<Result<void, ApprovalError>> {
  return runWrite(db, [db.staff, ...lockTables(db)], async () => {
    const h = await unlockedDraft(db, input.handoverId);
    if (h.fitness !== 'unfit' || h.substituteStaffId === null) return fail('noSubstitute' as const);
    const approver = await db.staff.get(ctx.actorStaffId);
    if (!approver || approver.deleted || !approver.active || approver.role !== input.as) return fail('role' as const);
    const current = { ...(h.substituteApproval ?? NO_APPROVAL), swapRequestId: null };
    const other = input.as === 'chief' ? current.managerStaffId : current.chiefStaffId;
    if (other === ctx.actorStaffId) return fail('role' as const);
    const part =
      input.as === 'chief'
        ? { chiefStaffId: ctx.actorStaffId, chiefAt: ctx.now() }
        : { managerStaffId: ctx.actorStaffId, managerAt: ctx.now() };
    await patchRow(db, ctx, 'handover', h.id, { substituteApproval: { ...current, ...part } });
    return ok(undefined);
  });
}

/**
 * H11(d), S1: the substitute covers by a cover request the chief confirmed and the manager approved
 * on the rota (`swapRequestId`); the screen found it in the effective rota of the incoming shift.
 * @throws RowNotFoundError when the handover is not on this tablet.
 * @throws LockedError once it is signed (H3).
 */
export async function approveSubstituteByCover(
  db: HandoverDb,
  ctx: WriteContext,
  input: { handoverId: string; swapRequestId: string },
): Promise<Result<void, ApprovalError>> {
  return runWrite(db, lockTables(db), async () => {
    const h = await unlockedDraft(db, input.handoverId);
    if (h.fitness !== 'unfit' || h.substituteStaffId === null) return fail('noSubstitute' as const);
    await patchRow(db, ctx, 'handover', h.id, {
      substituteApproval: { ...NO_APPROVAL, swapRequestId: input.swapRequestId },
    });
    return ok(undefined);
  });
}
