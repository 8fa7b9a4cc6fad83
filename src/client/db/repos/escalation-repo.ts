/**
 * Escalations (D2, D3): a difficult matter sent to the section chief, a major one to the property
 * office manager; acknowledged, then decided, by a person of that level. Each step is one Dexie
 * transaction with its outbox op, and runs the same rules as the server (escalation-rules.ts)
 * before anything is queued.
 */
import type { Role } from '../../../domain/entities';
import { escalationRefusal, type EscalationIssueCode } from '../../../domain/escalation-rules';
import { newId } from '../../../domain/ids';
import { Escalation, type EscalationLevel } from '../../../domain/review-entities';
import { overLimit, type TooLong } from '../../../domain/text-limits';
import { RowNotFoundError } from '../errors';
import { fail, ok, type Result } from '../result';
import type { HandoverDb } from '../schema';
import { insertRow, patchRow, runWrite } from '../write';
import { plain } from './repo-helpers';
import type { WriteContext } from './write-context';

/**
 * Why a step was not taken: beside the reason or decision field, or (`escalation`) about who may
 * take it (`notRecipient`, `notForwarder`...).
 */
export type EscalationErrors = {
  reason?: EscalationIssueCode | TooLong;
  decision?: EscalationIssueCode | TooLong;
  escalation?: EscalationIssueCode;
};

type Row = Record<string, unknown>;

async function getRow(db: HandoverDb, id: string) {
  const row = await db.escalation.get(id);
  if (!row || row.deleted) throw new RowNotFoundError('escalation', id);
  return plain(row);
}

/** The rules' refusal as field errors, or null when the step is allowed. */
async function refusalOf(
  db: HandoverDb,
  prev: Row | null,
  next: Row,
  ctx: WriteContext,
  role: Role,
): Promise<EscalationErrors | null> {
  const forwarded =
    typeof next.forwardedFromId === 'string' ? await db.escalation.get(next.forwardedFromId) : undefined;
  const lookup = (_table: 'escalation', id: string) => (forwarded?.id === id ? plain(forwarded) : undefined);
  const refusal = escalationRefusal(prev, next, { id: ctx.actorStaffId, role }, lookup);
  if (refusal === null) return null;
  const errors: EscalationErrors = {};
  for (const { path, code } of refusal.issues) {
    if (path === 'reason' || path === 'decision') errors[path] = code;
    else errors.escalation = code;
  }
  return errors;
}

/**
 * Sends entry `entryId` up (D3): to the section chief (`chief`, a difficult matter) or straight to
 * the manager (`manager`, a major one), with the reason, in the signed-in person's name.
 */
export async function sendEscalation(
  db: HandoverDb,
  ctx: WriteContext,
  input: { entryId: string; level: EscalationLevel; reason: string; forwardedFromId?: string },
  role: Role,
): Promise<Result<Escalation, EscalationErrors>> {
  const reason = input.reason.trim();
  const tooLong = overLimit(Escalation, { reason });
  if (tooLong.reason) return fail(tooLong);
  const row: Omit<Escalation, 'updatedAt' | 'deleted'> = {
    id: newId(),
    siteId: ctx.siteId,
    entryId: input.entryId,
    level: input.level,
    forwardedFromId: input.forwardedFromId ?? null,
    reason,
    sentBy: ctx.actorStaffId,
    sentAt: ctx.now(),
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
  };
  return runWrite(db, [db.escalation], async () => {
    const errors = await refusalOf(db, null, row, ctx, role);
    if (errors !== null) return fail(errors);
    return ok(await insertRow(db, ctx, 'escalation', 'put', row));
  });
}

/**
 * D3: the chief (or the manager) sends their chief-level escalation on to the manager, with the
 * judgement that it must go up. A desk person cannot (`escalation: 'notForwarder'`).
 * @throws RowNotFoundError when the escalation is not on this tablet.
 */
export async function forwardEscalation(
  db: HandoverDb,
  ctx: WriteContext,
  input: { escalationId: string; reason: string },
  role: Role,
): Promise<Result<Escalation, EscalationErrors>> {
  const from = await getRow(db, input.escalationId);
  return sendEscalation(
    db,
    ctx,
    { entryId: from.entryId, level: 'manager', reason: input.reason, forwardedFromId: from.id },
    role,
  );
}

/**
 * The recipient acknowledges the escalation in their own name (D3). Acknowledging one already
 * acknowledged changes nothing and returns it.
 * @throws RowNotFoundError when the escalation is not on this tablet.
 */
export async function acknowledgeEscalation(
  db: HandoverDb,
  ctx: WriteContext,
  escalationId: string,
  role: Role,
): Promise<Result<Escalation, EscalationErrors>> {
  return runWrite(db, [db.escalation], async () => {
    const prev = await getRow(db, escalationId);
    if (prev.acknowledgedBy !== null) return ok(prev);
    const patch = { acknowledgedBy: ctx.actorStaffId, acknowledgedAt: ctx.now() };
    const errors = await refusalOf(db, prev, { ...prev, ...patch }, ctx, role);
    if (errors !== null) return fail(errors);
    await patchRow(db, ctx, 'escalation', prev.id, patch);
    return ok(await getRow(db, prev.id));
  });
}

/**
 * D2: the recipient records the measures decided. An escalation not yet acknowledged is
 * acknowledged by the same person in the same op (deciding implies having read it).
 * @throws RowNotFoundError when the escalation is not on this tablet.
 */
export async function decideEscalation(
  db: HandoverDb,
  ctx: WriteContext,
  input: { escalationId: string; decision: string },
  role: Role,
): Promise<Result<Escalation, EscalationErrors>> {
  const decision = input.decision.trim();
  const tooLong = overLimit(Escalation, { decision });
  if (tooLong.decision) return fail(tooLong);
  return runWrite(db, [db.escalation], async () => {
    const prev = await getRow(db, input.escalationId);
    const now = ctx.now();
    const ack = prev.acknowledgedBy === null ? { acknowledgedBy: ctx.actorStaffId, acknowledgedAt: now } : {};
    const patch = { ...ack, decision, decidedBy: ctx.actorStaffId, decidedAt: now };
    const errors = await refusalOf(db, prev, { ...prev, ...patch }, ctx, role);
    if (errors !== null) return fail(errors);
    await patchRow(db, ctx, 'escalation', prev.id, patch);
    return ok(await getRow(db, prev.id));
  });
}
