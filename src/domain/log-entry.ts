/**
 * The rules for a duty-record entry (F3, D1, D5, H6, H11, T1), run on the tablet before saving and
 * again on the server before applying, so a rule cannot be bypassed by an old or altered client.
 */
import { LogEntryFields, type LogKind } from './entities';
import { overLimit } from './text-limits';

export type LogFieldError =
  | 'required'
  | 'emergencySeverity'
  | 'inFuture'
  | 'emergencyNotReferable'
  | 'beforeStart'
  | 'notEquipment'
  | 'tooLong'
  | 'notPartyMatter'
  | 'notRepair';
export type LogFieldErrors = Partial<Record<keyof LogEntryFields, LogFieldError>>;

/**
 * F1, F2: the kinds that are an owner's or tenant's matter. For these the desk records how it came
 * (call or visit), who the party is (owner or tenant) and the unit; a repair is also the F2 register.
 */
export const PARTY_KINDS: readonly LogKind[] = ['enquiry', 'help', 'complaint', 'repair'];

/** Whether entries of `kind` belong to the F1 / F2 registers (an owner's or tenant's matter). */
export function isPartyKind(kind: LogKind): boolean {
  return PARTY_KINDS.includes(kind);
}

/** How far past the server-corrected now an occurred-at time may be (typing slack). */
export const OCCURRED_AT_FUTURE_SLACK_MS = 5 * 60_000;

/** What the rules need besides the fields: now (T1) and the start of the entry's duty. */
export interface LogEntryContext {
  nowMs: number;
  /** The start of the duty the entry is recorded in; null when unknown (no reason then asked). */
  dutyStartedAt: number | null;
}

/** Validates an entry (H6, D2, H11, T1, F1, F2): the errors by field, empty when it may be saved. */
export function validateLogEntry(f: LogEntryFields, ctx: LogEntryContext): LogFieldErrors {
  const errors: LogFieldErrors = {};
  const closed = f.status !== 'open';
  // H6: every matter states its cause.
  if (f.cause.trim() === '') errors.cause = 'required';
  // H6: what was done is required once the matter is serious or finished.
  if (f.process.trim() === '' && (f.severity !== 'routine' || closed)) errors.process = 'required';
  // H6: a resolved matter states its result.
  if (f.result.trim() === '' && f.status === 'resolved') errors.result = 'required';
  // H4, H11(a): a referred matter names the department it went to; an emergency in progress is
  // dealt with at the desk, never referred away.
  if (f.status === 'referred') {
    if (f.referredTo.trim() === '') errors.referredTo = 'required';
    if (f.kind === 'emergency' || f.severity === 'emergency') errors.status = 'emergencyNotReferable';
  }
  // D2/H11(a): an emergency is never filed as routine, so the handover gate sees it.
  if (f.kind === 'emergency' && f.severity !== 'emergency') errors.severity = 'emergencySeverity';
  if (f.occurredAt > ctx.nowMs + OCCURRED_AT_FUTURE_SLACK_MS) errors.occurredAt = 'inFuture';
  // T1: a time before the duty began is stated with its reason.
  if (ctx.dutyStartedAt !== null && f.occurredAt < ctx.dutyStartedAt && f.backdateReason.trim() === '') {
    errors.backdateReason = 'required';
  }
  // H11(b): only an equipment operation has an end; it ends after it starts and not in the future.
  if (f.operationEndedAt !== null) {
    if (f.kind !== 'equipmentOp') errors.operationEndedAt = 'notEquipment';
    else if (f.operationEndedAt < f.occurredAt) errors.operationEndedAt = 'beforeStart';
    else if (f.operationEndedAt > ctx.nowMs + OCCURRED_AT_FUTURE_SLACK_MS) errors.operationEndedAt = 'inFuture';
  }
  // H11(b): an equipment operation is resolved only once its end is recorded.
  if (f.kind === 'equipmentOp' && closed && f.operationEndedAt === null) errors.operationEndedAt = 'required';
  Object.assign(errors, registerErrors(f, ctx.nowMs));
  // Every text within the schema's limit, so nothing the server would refuse is saved (issue 7).
  return { ...overLimit(LogEntryFields, f), ...errors };
}

/**
 * F1, F2: call or visit, owner or tenant and the unit belong to an owner's or tenant's matter; the
 * assignee and the completion time to a repair. The completion time is one a person enters: not
 * before the matter occurred, not in the future (T1: against the server-corrected now).
 */
function registerErrors(f: LogEntryFields, nowMs: number): LogFieldErrors {
  const errors: LogFieldErrors = {};
  if (!isPartyKind(f.kind)) {
    if (f.channel !== null) errors.channel = 'notPartyMatter';
    if (f.partyType !== null) errors.partyType = 'notPartyMatter';
  }
  if (f.kind !== 'repair') {
    if (f.assignedTo.trim() !== '') errors.assignedTo = 'notRepair';
    if (f.completedAt !== null) errors.completedAt = 'notRepair';
  } else if (f.completedAt !== null) {
    if (f.completedAt < f.occurredAt) errors.completedAt = 'beforeStart';
    else if (f.completedAt > nowMs + OCCURRED_AT_FUTURE_SLACK_MS) errors.completedAt = 'inFuture';
    // F2: a completed repair names who did it (the department or contractor it was assigned to).
    else if (f.assignedTo.trim() === '') errors.assignedTo = 'required';
  }
  return errors;
}

/** Whether `errors` holds any field error. */
export function hasErrors(errors: LogFieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
