/**
 * What applying one op needs and answers, shared by apply-op.ts and the table-specific checks
 * (row-locks.ts, signed-records.ts, row-checks.ts). Expected refusals are values (STYLE.md #5).
 */
import type { DeviceKind } from '../../domain/api';
import type { Role, SyncTable } from '../../domain/entities';
import type { OpRejectCode } from '../../domain/errors';
import type { FieldIssue } from '../../domain/row-rules';
import type { StoredRow, StoreTx } from '../store/store';
import type { ServerClock } from './server-clock';

export interface ApplyContext {
  /** The push's transaction (issue 10 §2: code inside a transaction uses its tx, never the store). */
  store: StoreTx;
  clock: ServerClock;
  siteId: string;
  nowMs: number;
  /** Staff rows read during this push (staff rows change only through the admin API, issue 9). */
  staffCache: Map<string, StoredRow<'staff'> | undefined>;
  /** Issue 8: the kind of the pushing device (device-kind-rules.ts); absent reads as a desk tablet. */
  deviceKind?: DeviceKind;
  /** Issue 9 §3: proof keys read during this push (null: the person has none yet). */
  proofKeys: Map<string, Uint8Array | null>;
  /**
   * Issue 9 §9: when the op was made on the server's clock (its device time corrected by the push's
   * offset, clock-flags.ts); null when no offset is known.
   */
  opTime: number | null;
}

/** The staff member an op is written by, as the table rules see them. */
export interface Actor {
  id: string;
  role: Role;
}

export type OpOutcome =
  | { status: 'applied' }
  | { status: 'conflict'; code: 'conflict'; message: string }
  | { status: 'rejected'; code: OpRejectCode; message: string; issues?: FieldIssue[] };

export type Rejection = Extract<OpOutcome, { status: 'rejected' }>;

/**
 * A refusal. `issues` names the fields at fault (SyncError.issues) when the check knows them, so the
 * tablet can put the reason beside the field in the UI's language; `message` stays for the logs.
 */
export function reject(code: OpRejectCode, message: string, issues?: FieldIssue[]): Rejection {
  return issues === undefined || issues.length === 0
    ? { status: 'rejected', code, message }
    : { status: 'rejected', code, message, issues };
}

/** A row of this building that is not deleted, or undefined: what references and rules may see. */
export async function liveRow<T extends SyncTable>(
  ctx: ApplyContext,
  table: T,
  id: string,
): Promise<StoredRow<T> | undefined> {
  const found = await ctx.store.getRow(ctx.siteId, table, id);
  return found && !found.deleted ? found : undefined;
}

/**
 * Issue 9 §5: a row id this building may not use: held by another building, or, for a patch or a
 * delete, held by none. One answer for both, so it says nothing of any other building.
 */
export function unavailable(table: string, rowId: string): Rejection {
  return reject('row_unavailable', `${table} ${rowId} is not available to this building`);
}
