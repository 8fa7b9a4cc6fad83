/**
 * D2, D3 (docs/rules.md): escalation routing and its steps. A difficult matter goes to the section
 * chief (level `chief`), who decides the measures; a major one goes to the property office manager
 * (level `manager`), sent by the person on duty directly or forwarded by the chief, with the
 * judgement that it must go up recorded in `reason`. Pure: the server runs it on every escalation
 * op through checkRowRules, the tablet's repository before queueing.
 */
import type { Role } from './entities';
import type { Escalation, EscalationLevel } from './review-entities';

/** Why a step of an escalation is refused, by field (the UI shows it beside the field). */
export type EscalationIssueCode =
  | 'required'
  | 'notActor'
  | 'notRecipient'
  | 'notForwarder'
  | 'forwardMismatch'
  | 'notAcknowledged'
  | 'beforeAcknowledged'
  | 'unchangeable';

export interface EscalationRefusal {
  /** `validation_failed` for missing content, `rule_violation` for who and when. */
  code: 'rule_violation' | 'validation_failed';
  message: string;
  issues: { path: string; code: EscalationIssueCode }[];
}

type Row = Record<string, unknown>;
type Lookup = (table: 'escalation', id: string) => Row | undefined;
type Actor = { id: string; role: Role };

/** D3: who receives, acknowledges and decides an escalation of each level. */
const RECIPIENTS: Readonly<Record<EscalationLevel, readonly Role[]>> = {
  // A difficult matter goes to the section chief; the manager, above the chief, may act on it too.
  chief: ['chief', 'manager'],
  manager: ['manager'],
};

/** The roles an escalation of `level` goes to (notified, acknowledges, decides): D3. */
export function recipientRoles(level: EscalationLevel): readonly Role[] {
  return RECIPIENTS[level];
}

/** True when a person of `role` receives, acknowledges and decides escalations of `level` (D3). */
export function isRecipient(level: EscalationLevel, role: Role): boolean {
  return RECIPIENTS[level].includes(role);
}

/** D3: the chief (or the manager) sends a difficult matter on to the manager; nobody else forwards. */
export function mayForward(role: Role): boolean {
  return role === 'chief' || role === 'manager';
}

/** What the sender fixed: never changed after the put. */
export const ESCALATION_SENT_FIELDS = [
  'siteId',
  'entryId',
  'level',
  'forwardedFromId',
  'reason',
  'sentBy',
  'sentAt',
] as const;
const ACK_FIELDS = ['acknowledgedBy', 'acknowledgedAt'] as const;
const DECISION_FIELDS = ['decision', 'decidedBy', 'decidedAt'] as const;

const refuse = (
  code: EscalationRefusal['code'],
  path: string,
  issue: EscalationIssueCode,
  message: string,
): EscalationRefusal => ({ code, message: `escalation: ${message}`, issues: [{ path, code: issue }] });

const isBlank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';
const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/**
 * The refusal of one escalation write, or null. `prev` is the stored escalation (null for a send),
 * `next` the row as it would be stored. A reference that does not resolve is left to the reference
 * check (ROW_REFERENCES).
 */
export function escalationRefusal(prev: Row | null, next: Row, actor: Actor, lookup: Lookup): EscalationRefusal | null {
  return prev === null ? sendRefusal(next, actor, lookup) : stepRefusal(prev, next, actor);
}

/** D3: a send is the actor's, with its reason; a forward sends on the chief's own escalation. */
function sendRefusal(next: Row, actor: Actor, lookup: Lookup): EscalationRefusal | null {
  if (next.sentBy !== actor.id) {
    return refuse(
      'rule_violation',
      'sentBy',
      'notActor',
      `D3 sentBy ${String(next.sentBy)} is not the sender (${actor.id})`,
    );
  }
  if (isBlank(next.reason)) return refuse('validation_failed', 'reason', 'required', 'D3 an escalation says why');
  // A new escalation is waiting for its recipient: nothing acknowledged or decided in the sender's put.
  const preset = [...ACK_FIELDS, 'decidedBy', 'decidedAt'].find((f) => next[f] != null);
  if (preset !== undefined || !isBlank(next.decision)) {
    return refuse(
      'rule_violation',
      preset ?? 'decision',
      'notRecipient',
      'D3 a new escalation is neither acknowledged nor decided yet',
    );
  }
  if (next.forwardedFromId == null) return null;
  if (next.level !== 'manager') {
    return refuse(
      'rule_violation',
      'forwardedFromId',
      'forwardMismatch',
      'D3 only an escalation to the manager forwards one',
    );
  }
  if (!mayForward(actor.role)) {
    return refuse(
      'rule_violation',
      'forwardedFromId',
      'notForwarder',
      `D3 a ${actor.role} does not forward the chief's escalation`,
    );
  }
  const from = lookup('escalation', String(next.forwardedFromId));
  if (from && (from.level !== 'chief' || from.entryId !== next.entryId)) {
    return refuse(
      'rule_violation',
      'forwardedFromId',
      'forwardMismatch',
      `D3 escalation ${String(next.forwardedFromId)} is not a chief-level escalation of entry ${String(next.entryId)}`,
    );
  }
  return null;
}

/** D2, D3: acknowledged, then decided, by a person of the level, in their own name; never undone. */
function stepRefusal(prev: Row, next: Row, actor: Actor): EscalationRefusal | null {
  const changed = [...ESCALATION_SENT_FIELDS].find((f) => !same(prev[f], next[f]));
  if (changed !== undefined) {
    return refuse('rule_violation', changed, 'unchangeable', `D3 ${changed} was fixed when it was sent`);
  }
  const level = prev.level as EscalationLevel;
  const ackChanged = ACK_FIELDS.some((f) => !same(prev[f], next[f]));
  if (ackChanged) {
    if (prev.acknowledgedBy != null) {
      return refuse('rule_violation', 'acknowledgedBy', 'unchangeable', 'D3 an acknowledgement stays as given');
    }
    const refusal = actRefusal(next, actor, level, 'acknowledgedBy', 'acknowledgedAt', 'acknowledge');
    if (refusal !== null) return refusal;
  }
  const decisionChanged = DECISION_FIELDS.some((f) => !same(prev[f], next[f]));
  if (!decisionChanged) return null;
  if (prev.decidedBy != null || !isBlank(prev.decision)) {
    return refuse('rule_violation', 'decision', 'unchangeable', 'D2 the measures decided stay as recorded');
  }
  if (isBlank(next.decision))
    return refuse('validation_failed', 'decision', 'required', 'D2 a decision states the measures');
  const refusal = actRefusal(next, actor, level, 'decidedBy', 'decidedAt', 'decide');
  if (refusal !== null) return refusal;
  if (next.acknowledgedBy == null) {
    return refuse(
      'rule_violation',
      'decidedBy',
      'notAcknowledged',
      'D3 an escalation is acknowledged before or with its decision',
    );
  }
  if (typeof next.acknowledgedAt === 'number' && (next.decidedAt as number) < next.acknowledgedAt) {
    return refuse('rule_violation', 'decidedAt', 'beforeAcknowledged', 'D3 decidedAt is before acknowledgedAt');
  }
  return null;
}

/** One step (acknowledge or decide): by the actor, of the level's roles, with its time. */
function actRefusal(
  next: Row,
  actor: Actor,
  level: EscalationLevel,
  byField: string,
  atField: string,
  verb: string,
): EscalationRefusal | null {
  if (next[byField] !== actor.id) {
    return refuse(
      'rule_violation',
      byField,
      'notActor',
      `D3 ${byField} ${String(next[byField])} is not the person who acts (${actor.id})`,
    );
  }
  if (!isRecipient(level, actor.role)) {
    return refuse(
      'rule_violation',
      byField,
      'notRecipient',
      `D3 a ${actor.role} does not ${verb} an escalation to the ${level}`,
    );
  }
  if (typeof next[atField] !== 'number') {
    return refuse('validation_failed', atField, 'required', `D3 ${atField} is required to ${verb}`);
  }
  return null;
}

/** Where an escalation stands, for queues and the desk's banner. */
export type EscalationState = 'unacknowledged' | 'awaitingDecision' | 'decided';

/** Where `e` stands: unacknowledged, acknowledged and awaiting its decision, or decided. */
export function escalationState(e: Pick<Escalation, 'acknowledgedBy' | 'decidedBy'>): EscalationState {
  if (e.decidedBy !== null) return 'decided';
  return e.acknowledgedBy === null ? 'unacknowledged' : 'awaitingDecision';
}

const STATE_ORDER: Readonly<Record<EscalationState, number>> = { unacknowledged: 0, awaitingDecision: 1, decided: 2 };

/** The queue's order: unacknowledged first, then awaiting decision, then decided; newest first within. */
export function compareEscalations(a: Escalation, b: Escalation): number {
  return STATE_ORDER[escalationState(a)] - STATE_ORDER[escalationState(b)] || b.sentAt - a.sentAt;
}
