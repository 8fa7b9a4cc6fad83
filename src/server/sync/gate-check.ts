/**
 * The gate is the server's too (H11, H4, H8, H7, S1, docs/rules.md): when a signed handover,
 * opening or closing arrives, the server evaluates the same `evaluateGate` the tablet ran, against
 * the building's rows as the signing tablet knew them (building-rows.ts) and as they stand now. A
 * blocker counts only when it is in both: the tablet knew of it and it still holds. Something
 * written on another tablet while this one was offline is not held against it, and neither is a
 * blocker cleared since. There is no override (H11: 不得交接班).
 */
import { isAccountedWithoutTap, itemsToCount } from '../../domain/count-rules';
import { evaluateGate, isSubstituteApproved, type Blocker, type GateInput } from '../../domain/gate';
import type { Handover, HandoverRecord } from '../../domain/handover-entities';
import { heldCustody, lentByItem, openLoans } from '../../domain/loan-rules';
import { incomingCandidates } from '../../domain/swap-rules';
import { reject, type ApplyContext, type Rejection } from './op-outcome';
import { knownTo, loadBuilding, loadRotaRows, typedRows, type BuildingRows } from './building-rows';
import { activeRoleCheck, isRosteredAt, isShiftFollowing, rotaOf } from './desk-rota';

/** What the gate found against one view of the building. */
interface GateView {
  blockers: Blocker[];
  /** Codes of the items to count that the record neither counted nor accounts for by loans (H8). */
  uncounted: string[];
}

/** H8: the items to count that the record's count leaves out, unless wholly lent out. */
function uncountedItems(record: HandoverRecord, rows: BuildingRows): string[] {
  const held = new Set(heldCustody(rows.movements).map((m) => m.itemId));
  const lent = lentByItem(openLoans(rows.movements, record.signedAt));
  const counted = new Set(record.count.map((l) => l.itemId));
  return itemsToCount(rows.items, held)
    .filter((i) => !counted.has(i.id) && !isAccountedWithoutTap(i, lent.get(i.id)?.quantity ?? 0))
    .map((i) => i.code);
}

/**
 * S1, H11(d): the person taking over or opening is rostered (or covers by an approved swap); for an
 * unfit rostered person, only the named substitute takes their place.
 */
function incomingRostered(record: HandoverRecord, rows: BuildingRows): boolean {
  const incoming = record.incomingStaffId;
  if (record.kind === 'closing') return true;
  if (incoming === null) return false;
  const rota = rotaOf(rows);
  const changeAt = record.scheduledAt ?? record.signedAt;
  const rostered = isRosteredAt(rota, incoming, record.signedAt, changeAt);
  if (record.kind === 'handover' && record.fitness === 'unfit') {
    const someoneDue = incomingCandidates(rota, changeAt).some((a) => a.staffId !== record.outgoingStaffId);
    return record.substituteStaffId === incoming && (rostered || someoneDue);
  }
  return rostered;
}

/** The gate's input for `record` against one view of the building (T1: `now` is the signing). */
export function gateInputFor(record: HandoverRecord, rows: BuildingRows): GateInput {
  const rota = rotaOf(rows);
  const acked = new Set(rows.acks.filter((a) => a.staffId === record.incomingStaffId).map((a) => a.taskId));
  const instructions = rows.tasks.filter((t) => t.kind === 'instruction' && t.status === 'open');
  return {
    kind: record.kind,
    now: record.signedAt,
    entries: rows.entries,
    handover: record,
    countComplete: uncountedItems(record, rows).length === 0,
    openTasks: rows.tasks,
    incomingRostered: incomingRostered(record, rows),
    substituteApproved: isSubstituteApproved(record, rota, activeRoleCheck(rows.staff)),
    unacknowledgedInstructionIds: instructions.filter((t) => !acked.has(t.id)).map((t) => t.id),
    nextShiftRostered:
      record.kind === 'closing' &&
      isShiftFollowing(rota, record.scheduledAt ?? record.signedAt, record.outgoingStaffId),
  };
}

function gateView(record: HandoverRecord, rows: BuildingRows): GateView {
  return { blockers: evaluateGate(gateInputFor(record, rows)), uncounted: uncountedItems(record, rows) };
}

/**
 * The blockers of `known` that still hold in `current`: a blocker with rows keeps the rows in both,
 * one without rows (unfit, notRostered...) counts when both views have it.
 */
export function remainingBlockers(known: Blocker[], current: Blocker[]): Blocker[] {
  const out: Blocker[] = [];
  for (const k of known) {
    const now = current.find((c) => c.code === k.code);
    if (!now) continue;
    const refs = k.refs.filter((r) => now.refs.includes(r));
    if (refs.length > 0 || (k.refs.length === 0 && now.refs.length === 0)) out.push({ code: k.code, refs });
  }
  return out;
}

function describe(blockers: Blocker[], uncounted: string[]): string {
  return blockers
    .map((b) => {
      const refs = b.code === 'preparationIncomplete' && uncounted.length > 0 ? [...b.refs, ...uncounted] : b.refs;
      return refs.length > 0 ? `${b.code} (${refs.join(', ')})` : b.code;
    })
    .join('; ');
}

/**
 * The refusal of a new signed record (not an addendum) by the gate, or null: `gate_blocked` listing
 * each blocker the signing tablet (`deviceId`) knew of that still holds, or `duty_rule` for an
 * opening by someone not rostered now (S1: the desk is opened by the rostered person only).
 */
export async function recordGateRefusal(
  ctx: ApplyContext,
  record: HandoverRecord,
  deviceId: string,
): Promise<Rejection | null> {
  const now = await loadBuilding(ctx.store, ctx.siteId, record.incomingStaffId);
  const knew = gateView(record, typedRows(knownTo(now, deviceId, record.syncCursor)));
  const holds = gateView(record, typedRows(now));
  const blockers = remainingBlockers(knew.blockers, holds.blockers);
  if (record.kind === 'opening' && blockers.some((b) => b.code === 'notRostered')) {
    return reject(
      'duty_rule',
      `S1, H3: ${String(record.incomingStaffId)} is not rostered for the shift at ${new Date(record.signedAt).toISOString()} (nor covers it by an approved swap), so cannot open the desk`,
    );
  }
  if (blockers.length === 0) return null;
  const uncounted = knew.uncounted.filter((c) => holds.uncounted.includes(c));
  return reject(
    'gate_blocked',
    `H11, H4: the ${record.kind} record ignores what the signing tablet knew blocks it: ${describe(blockers, uncounted)}`,
  );
}

/** The draft fields that name or approve a substitute (H11(d)). */
const SUBSTITUTE_FIELDS = ['fitness', 'substituteStaffId', 'substituteApproval'] as const;

/**
 * H11(d), S1: a draft that names a substitute for an unfit incoming person carries the cover's
 * approval (the chief's and the manager's on the spot, or an approved cover request). Checked when
 * a write touches those fields, so an approval given earlier never blocks an unrelated edit.
 * `touched` is the op's field names (every field for a new draft).
 */
export async function draftSubstituteRefusal(
  ctx: ApplyContext,
  draft: Handover,
  touched: readonly string[],
): Promise<Rejection | null> {
  if (!SUBSTITUTE_FIELDS.some((f) => touched.includes(f))) return null;
  if (draft.fitness !== 'unfit' || draft.substituteStaffId === null) return null;
  const rows = await loadRotaRows(ctx.store, ctx.siteId);
  if (isSubstituteApproved(draft, rotaOf(rows), activeRoleCheck(rows.staff))) return null;
  return reject(
    'rule_violation',
    `handover: H11(d), S1 the substitute ${draft.substituteStaffId} needs the section chief's confirmation and the manager's approval (active, two people), or an approved cover request`,
  );
}
