/**
 * The rules for a duty-record entry (F3, D1, D5, H6), run on the tablet before saving and again on
 * the server before applying, so a rule cannot be bypassed by an old or altered client.
 */
import { LogEntryFields } from './entities';
import { overLimit } from './text-limits';

export type LogFieldError = 'required' | 'emergencySeverity' | 'inFuture' | 'tooLong';
export type LogFieldErrors = Partial<Record<keyof LogEntryFields, LogFieldError>>;

/** How far past the server-corrected now an occurred-at time may be (typing slack). */
export const OCCURRED_AT_FUTURE_SLACK_MS = 5 * 60_000;

export function validateLogEntry(f: LogEntryFields, nowMs: number): LogFieldErrors {
  const errors: LogFieldErrors = {};
  // H6: every matter states its cause.
  if (f.cause.trim() === '') errors.cause = 'required';
  // H6: what was done is required once the matter is serious or finished.
  if (f.process.trim() === '' && (f.severity !== 'routine' || f.status === 'resolved')) errors.process = 'required';
  // H6: a resolved matter states its result.
  if (f.result.trim() === '' && f.status === 'resolved') errors.result = 'required';
  // D2/H11(a): an emergency is never filed as routine, so the handover gate sees it.
  if (f.kind === 'emergency' && f.severity !== 'emergency') errors.severity = 'emergencySeverity';
  if (f.occurredAt > nowMs + OCCURRED_AT_FUTURE_SLACK_MS) errors.occurredAt = 'inFuture';
  // Every text within the schema's limit, so nothing the server would refuse is saved (issue 7).
  return { ...overLimit(LogEntryFields, f), ...errors };
}

export function hasErrors(errors: LogFieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** D3: major and emergency matters must also reach the section chief / office manager. */
export function needsEscalation(f: Pick<LogEntryFields, 'severity'>): boolean {
  return f.severity !== 'routine';
}
