/**
 * Refused changes dealt with (issue 7 §8): a person dismisses a refusal once they have dealt with
 * it, and every tablet of the building stops counting it. The dismissal is a `syncError` patch of
 * `dismissedAt`/`dismissedBy`, the only fields the server takes on that row; the refusal stays
 * readable under "Dealt with".
 */
import type { SyncError } from '../../../domain/entities';
import { RowNotFoundError } from '../errors';
import type { HandoverDb, LocalRow } from '../schema';
import { patchRow, runWrite } from '../write';
import type { WriteContext } from './write-context';

/**
 * The tablet's own copy of a refusal, kept from the push answer until the server's row arrives
 * with the next pull (sync-store.ts localSyncErrorId). It has no row on the server to patch.
 */
export function isLocalCopy(refusal: Pick<SyncError, 'id'>): boolean {
  return refusal.id.startsWith('local-');
}

/** Whether a person has dealt with the refusal (here or on another tablet). */
export function isDismissed(refusal: Pick<SyncError, 'dismissedAt'>): boolean {
  return refusal.dismissedAt !== null && refusal.dismissedAt !== undefined;
}

/**
 * Marks a refusal dealt with by `ctx.actorStaffId`, now (T1). Call inside a write transaction that
 * includes `db.syncError`. A local copy is marked on this tablet only; the dismissal is sent once
 * the server's row replaces it (carryLocalDismissal). Dismissing twice keeps the first.
 */
export async function dismissInTx(db: HandoverDb, ctx: WriteContext, refusalId: string): Promise<void> {
  const row = await db.syncError.get(refusalId);
  if (!row || row.deleted) throw new RowNotFoundError('syncError', refusalId);
  if (isDismissed(row)) return;
  const dismissal = { dismissedAt: ctx.now(), dismissedBy: ctx.actorStaffId };
  if (isLocalCopy(row)) await db.syncError.put({ ...row, ...dismissal });
  else await patchRow(db, ctx, 'syncError', refusalId, dismissal);
}

/**
 * Dismisses a refusal for every tablet of the building (issue 7 §8).
 * @throws RowNotFoundError when the refusal is not on this tablet.
 */
export async function dismissRefusal(db: HandoverDb, ctx: WriteContext, refusalId: string): Promise<void> {
  await runWrite(db, [db.syncError], () => dismissInTx(db, ctx, refusalId));
}

/**
 * When the server's row of a refusal replaces the local copy a person had already dismissed, the
 * dismissal is queued for the server's row, so it is not lost. Call inside the pull transaction,
 * after its HLC is stored, with the device the pull runs for.
 */
export async function carryLocalDismissal(
  db: HandoverDb,
  local: LocalRow<SyncError>,
  device: { deviceId: string; siteId: string },
  nowMs: number,
): Promise<void> {
  if (!isDismissed(local) || local.dismissedBy === null) return;
  const server = await db.syncError
    .where('[deviceId+counter]')
    .equals([local.deviceId, local.counter])
    .filter((r) => !isLocalCopy(r))
    .first();
  if (!server || isDismissed(server)) return;
  const ctx: WriteContext = {
    ...device,
    actorStaffId: local.dismissedBy,
    now: () => nowMs,
    deviceNow: () => Date.now(),
  };
  const dismissal = { dismissedAt: local.dismissedAt, dismissedBy: local.dismissedBy };
  await patchRow(db, ctx, 'syncError', server.id, dismissal);
}
