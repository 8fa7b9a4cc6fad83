/**
 * Table rules beyond a row's shape and the role table (WRITE_POLICY): who may write which kind of
 * row, and which steps a row may take. The server applies them to every put, patch and append, so
 * an old or altered tablet cannot bypass them; client repos may run them too before queueing.
 */
import { attributionRefusal } from './attribution-rules';
import { validateCountLine } from './count-rules';
import { escalationRefusal } from './escalation-rules';
import type { Item, LogKind, Role, SyncError, SyncTable } from './entities';
import type { CountLine, HandoverRecord } from './handover-entities';
import type { ItemMovement } from './item-entities';
import { checkReturnUndo, validateMovement, type MovementFieldErrors } from './loan-rules';
import type { ConflictResolution, DayReview, ServiceOrder, SpotCheck } from './review-entities';
import { conflictResolutionRule, dayReviewRule, spotCheckRule } from './review-rules';
import type { SwapRequest } from './rota-entities';
import { serviceOrderError } from './service-order-rules';
import { dailyReportRowRefusal } from './report-rules';
import { recordShapeError } from './signatures';
import type { WritableTable } from './sync-protocol';
import { checkSwapTransition } from './swap-rules';
import type { Task } from './task-entities';
import { importantChangeForbidden, isSuperior, validateTask } from './task-rules';

/** Reads a row of the same building by id (undefined when unknown or deleted). */
export type RowLookup = (table: SyncTable, id: string) => Record<string, unknown> | undefined;

/**
 * The live item movements of the same building whose `closesId` is `movementId`: the rules that
 * allow a movement to be closed or cancelled once only read them (a return is undone once).
 */
export type ClosersLookup = (movementId: string) => readonly Record<string, unknown>[];

/**
 * One field's problem, as a refused op's `SyncError.issues` carries it: `path` is the field, `code`
 * the zod issue code or the rule's own code (`required`, `notActor`...), `limit` a bound if any.
 */
export type FieldIssue = SyncError['issues'][number];

/**
 * Why a write was refused: `rule_violation` for who/when, `validation_failed` for missing content,
 * `duty_rule` for a duty begun or ended other than by a signed record (H3, S1);
 * `issues` names the fields at fault where the rule knows them, so the tablet can show the refusal
 * beside the field in the UI's language.
 */
export interface RuleRefusal {
  code: 'rule_violation' | 'validation_failed' | 'duty_rule';
  message: string;
  issues?: FieldIssue[];
}

type Actor = { id: string; role: Role };
type Row = Record<string, unknown>;

const violation = (message: string, issues?: FieldIssue[]): RuleRefusal =>
  issues === undefined ? { code: 'rule_violation', message } : { code: 'rule_violation', message, issues };
const invalid = (message: string, issues?: FieldIssue[]): RuleRefusal =>
  issues === undefined ? { code: 'validation_failed', message } : { code: 'validation_failed', message, issues };

/**
 * Checks one write. `prev` is the stored row (null for a new row); `next` is the whole row as it
 * would be after the write (for a patch: `prev` with the patch applied). Returns null when allowed.
 * A reference that does not resolve is left to the reference check (ROW_REFERENCES).
 */
export function checkRowRules(
  table: WritableTable,
  prev: Row | null,
  next: Row,
  actor: Actor,
  lookup: RowLookup,
  closers: ClosersLookup = () => [],
): RuleRefusal | null {
  // H1, H7, H8, H9: who a row names as having acted is who acted (attribution-rules.ts).
  const misattributed = attributionRefusal(table, prev, next, actor, lookup);
  if (misattributed !== null) return violation(misattributed.message, misattributed.issues);
  switch (table) {
    case 'item':
      return itemRule(prev, next, actor);
    case 'task':
      return taskRule(prev, next, actor);
    case 'itemMovement':
      return movementRule(next, lookup, closers);
    case 'swapRequest': {
      const error = checkSwapTransition(prev as SwapRequest | null, next as SwapRequest, actor);
      return error === null ? null : violation(`swap request: S1 ${error}`);
    }
    case 'countLine':
      return countLineRule(next, lookup);
    case 'handover':
      return handoverRule(prev, next);
    case 'handoverRecord':
      return recordRule(next as HandoverRecord, lookup);
    case 'duty':
      return dutyRule(prev, next, lookup);
    case 'escalation':
      return escalationRefusal(prev, next, actor, lookup);
    case 'serviceOrder':
      return serviceOrderRule(prev, next, lookup);
    // O1: the chief's review, spot checks and conflict choices (review-rules.ts).
    case 'dayReview':
      return dayReviewRule(next as DayReview, actor, lookup);
    case 'spotCheck':
      return spotCheckRule(next as SpotCheck, actor);
    case 'conflictResolution':
      return conflictResolutionRule(next as ConflictResolution, actor);
    case 'dailyReport': {
      // O2: once, by the person it names; the day being over is checked with the building's clock
      // and zone (report-rules.ts dailyReportRefusal, by the report repo and server/reports).
      const refusal = dailyReportRowRefusal(prev, next, actor);
      return refusal === null ? null : violation(refusal.message, refusal.issues);
    }
    default:
      return null;
  }
}

/** H8: the chief (or admin) keeps the register; other staff may add and update custody items only. */
function itemRule(prev: Row | null, next: Row, actor: Actor): RuleRefusal | null {
  if (actor.role === 'chief' || actor.role === 'admin') return null;
  if (prev !== null && prev.category !== next.category) return violation('item: H8 only the chief changes a category');
  if (next.category !== 'custody' || (prev !== null && prev.category !== 'custody')) {
    return violation('item: H8 only custody items may be added or changed by this role');
  }
  return null;
}

/** Fields of an instruction only a superior may set or change (H7). */
const INSTRUCTION_FIELDS = ['kind', 'title', 'cause', 'result', 'status'] as const;

/**
 * H6, H7: tasks state their cause and result; instructions are given and withdrawn by superiors.
 * H4: only a chief or manager marks work important or clears the mark (it blocks the handover).
 */
function taskRule(prev: Row | null, next: Row, actor: Actor): RuleRefusal | null {
  const task = next as Task;
  const errors = validateTask(task, actor.role);
  const { kind: kindError, ...contentErrors } = errors;
  const missing = Object.keys(contentErrors);
  if (missing.length > 0) {
    const issues = Object.entries(contentErrors).map(([path, code]) => ({ path, code }));
    return invalid(`task: H6 required ${missing.join(', ')}`, issues);
  }
  if (importantChangeForbidden(prev as Task | null, task, actor.role)) {
    return violation(`task: H4 only a section chief or manager sets or clears "important", not a ${actor.role}`, [
      { path: 'important', code: 'chiefOrManagerOnly' },
    ]);
  }
  // A desk person may still add progress to an instruction (e.g. `process`), not rewrite or close it.
  const touchesInstruction = prev === null || INSTRUCTION_FIELDS.some((k) => prev[k] !== next[k]);
  if (kindError !== undefined && touchesInstruction)
    return violation('task: H7 instructions are given by superiors only', [{ path: 'kind', code: 'superiorOnly' }]);
  if (task.status === 'withdrawn' && (prev === null || prev.status !== 'withdrawn')) {
    // H7: an instruction stays until a superior withdraws it; other work ends done, with its result.
    if (task.kind !== 'instruction') return violation('task: H7 only instructions are withdrawn');
    if (!isSuperior(actor.role)) return violation('task: H7 only a superior withdraws an instruction');
  }
  return null;
}

const RULE_ERRORS = new Set(['notLendable', 'notCustody', 'alreadyClosed']);

/**
 * H8: a movement has what its kind needs, and closes a movement of the right kind for the same item.
 * An undo names a return of the same item, within the minute and only once (issue 7 §8).
 */
function movementRule(next: Row, lookup: RowLookup, closers: ClosersLookup): RuleRefusal | null {
  const m = next as ItemMovement;
  const item = lookup('item', m.itemId) as Item | undefined;
  if (item === undefined) return null;
  const errors: MovementFieldErrors = validateMovement(m, item);
  const entries = Object.entries(errors);
  if (entries.length > 0) {
    const message = `item movement: H8 ${entries.map(([f, e]) => `${f} ${e}`).join(', ')}`;
    const issues = entries.map(([path, code]) => ({ path, code }));
    return entries.some(([, e]) => RULE_ERRORS.has(e)) ? violation(message, issues) : invalid(message, issues);
  }
  if (m.kind === 'returnUndone') return returnUndoRule(m, lookup, closers);
  const closes = m.kind === 'return' ? 'lend' : m.kind === 'custodyOut' ? 'custodyIn' : null;
  if (closes === null) {
    return m.closesId === null ? null : invalid(`item movement: H8 a ${m.kind} closes nothing`);
  }
  const closed = m.closesId === null ? undefined : (lookup('itemMovement', m.closesId) as ItemMovement | undefined);
  if (closed === undefined) return null;
  if (closed.kind !== closes || closed.itemId !== m.itemId) {
    return violation(`item movement: H8 a ${m.kind} must close a ${closes} of the same item`);
  }
  return null;
}

/** Issue 7 §8: a `returnUndone` cancels a return of its item, recorded within the minute, once. */
function returnUndoRule(m: ItemMovement, lookup: RowLookup, closers: ClosersLookup): RuleRefusal | null {
  // validateMovement has required closesId; a return that does not resolve is the reference check's.
  const ret = m.closesId === null ? undefined : (lookup('itemMovement', m.closesId) as ItemMovement | undefined);
  if (ret === undefined) return null;
  const error = checkReturnUndo(m, ret, closers(ret.id) as readonly ItemMovement[]);
  switch (error) {
    case null:
      return null;
    case 'notReturn':
      return violation('item movement: an undo must cancel a return of the same item');
    case 'tooLate':
      return violation('item movement: a return may be undone within one minute of its recording only');
    case 'alreadyUndone':
      return violation(`item movement: return ${ret.id} is undone already`);
  }
}

/** H3: a handover goes preparing → signed or abandoned, never back. */
function handoverRule(prev: Row | null, next: Row): RuleRefusal | null {
  if (prev === null || prev.status === next.status) return null;
  if (prev.status === 'preparing' && (next.status === 'signed' || next.status === 'abandoned')) return null;
  return violation(`handover: H3 status cannot go from ${String(prev.status)} to ${String(next.status)}`);
}

/**
 * H8: anything missing or damaged is explained by the outgoing person, and no tap counts more than
 * the register holds. The server does not see the loans at the moment of the tap, so it takes them
 * as covering the whole register (lent = expected): only missing or damaged lines need an
 * explanation here; the tablet runs the stricter check with its loans.
 */
function countLineRule(next: Row, lookup: RowLookup): RuleRefusal | null {
  const line = next as CountLine;
  // An unknown item is the reference check's refusal; without it nothing can be too many.
  const item = lookup('item', line.itemId) as Pick<Item, 'expectedQuantity'> | undefined;
  const expected = item?.expectedQuantity ?? line.quantity;
  const error = validateCountLine({ expectedQuantity: expected }, line, expected);
  if (error === 'quantityTooHigh') {
    return invalid(`count line: H8 quantity ${line.quantity} is more than the register's ${expected}`, [
      { path: 'quantity', code: 'too_big', limit: expected },
    ]);
  }
  if (error === 'explanationRequired') {
    return invalid(`count line: H8 ${line.state} needs an explanation`, [{ path: 'explanation', code: 'required' }]);
  }
  return null;
}

const RECORD = 'handover record:';

/**
 * H3, H11: a signed record has the shape of its kind (recordShapeError) with the signatures of the
 * people it names, and, unless it is an addendum, hands over the duty and person of its draft, of
 * the same kind. A corrected record is matched to its addendum by signed-records.ts on the server;
 * the gate, the duty rules and the times are the server's own checks (it knows the building).
 */
function recordRule(r: HandoverRecord, lookup: RowLookup): RuleRefusal | null {
  const shape = recordShapeError(r);
  if (shape !== null) return violation(`${RECORD} H3 ${shape}`);
  if (r.correctsId !== null) return null;
  const draft = lookup('handover', r.handoverId);
  // A missing draft is the reference check's refusal (reference_unknown).
  if (
    draft &&
    ((draft.kind ?? 'handover') !== r.kind ||
      draft.outgoingDutyId !== r.outgoingDutyId ||
      draft.outgoingStaffId !== r.outgoingStaffId)
  ) {
    return violation(
      `${RECORD} H3 a ${r.kind} of duty ${String(r.outgoingDutyId)} of ${String(r.outgoingStaffId)}, but its draft ${r.handoverId} is a ${String(draft.kind ?? 'handover')} of duty ${String(draft.outgoingDutyId)} of ${String(draft.outgoingStaffId)}`,
    );
  }
  return null;
}

/** What a tablet may never change of a duty: only the server ends it, from a signed record (H3). */
export const DUTY_FIXED_FIELDS = ['staffId', 'startedAt', 'endedAt', 'handoverId'] as const;

const dutyViolation = (message: string): RuleRefusal => ({ code: 'duty_rule', message: `duty: ${message}` });

/**
 * H3, S1: a duty begins only by the signed record that opened it: a handover accepted by its person
 * or an opening of the desk, whose `newDutyId` is this duty (so no second duty hangs off one
 * record). It begins open, and its person, start, end and record never change by a tablet's
 * write: the server ends it when it applies the handover or closing record (server/sync/duty-rules.ts,
 * which also keeps one open duty per building).
 */
function dutyRule(prev: Row | null, next: Row, lookup: RowLookup): RuleRefusal | null {
  if (prev !== null) {
    const changed = DUTY_FIXED_FIELDS.filter((f) => (prev[f] ?? null) !== (next[f] ?? null));
    return changed.length === 0
      ? null
      : dutyViolation(
          `H3 ${changed.join(', ')} cannot change: a duty ends only by a signed handover or closing, which the server records`,
        );
  }
  if (next.endedAt !== null)
    return dutyViolation('H3 a duty begins open; it ends only by a signed handover or closing');
  const recordId = next.handoverId;
  if (typeof recordId !== 'string') {
    return dutyViolation('H3, S1 a duty begins only by a signed handover or an opening of the desk (handoverId)');
  }
  const record = lookup('handoverRecord', recordId);
  // A missing record is the reference check's refusal (reference_unknown).
  if (!record) return null;
  if (record.kind === 'closing' || record.correctsId !== null) {
    return dutyViolation(`H3 handoverId: record ${recordId} is not a handover or an opening, so it opens no duty`);
  }
  if (record.newDutyId !== next.id) {
    return dutyViolation(
      `H3 handoverId: record ${recordId} opened duty ${String(record.newDutyId)}, not ${String(next.id)}`,
    );
  }
  if (record.incomingStaffId !== next.staffId) {
    return dutyViolation(
      `H3 record ${recordId} handed over to ${String(record.incomingStaffId)}, not ${String(next.staffId)}`,
    );
  }
  return null;
}

/** F1: a paid-service order is issued on an owner's or tenant's matter and moves one step at a time. */
function serviceOrderRule(prev: Row | null, next: Row, lookup: RowLookup): RuleRefusal | null {
  const entryKind = lookup('logEntry', String(next.entryId))?.kind as LogKind | undefined;
  const error = serviceOrderError(prev as ServiceOrder | null, next as ServiceOrder, entryKind);
  if (error === null) return null;
  const issue = { path: error.path, code: error.code };
  return error.code === 'notIssued' || error.code === 'badStep'
    ? violation(`service order: F1 status ${String(prev?.status ?? 'new')} → ${String(next.status)} is not a step`, [
        issue,
      ])
    : violation(`service order: F1 ${error.path} ${error.code}`, [issue]);
}
