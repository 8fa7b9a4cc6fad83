import { describe, expect, it } from 'vitest';
import {
  compareEscalations,
  escalationRefusal,
  escalationState,
  isRecipient,
  mayForward,
  recipientRoles,
} from '../../../src/domain/escalation-rules';
import type { Escalation } from '../../../src/domain/review-entities';
import { checkRowRules } from '../../../src/domain/row-rules';

const T = Date.UTC(2026, 0, 15, 2, 0, 0);
const desk = { id: 'desk-1', role: 'desk' as const };
const chief = { id: 'chief-1', role: 'chief' as const };
const manager = { id: 'manager-1', role: 'manager' as const };
const admin = { id: 'admin-1', role: 'admin' as const };

function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'esc-1',
    siteId: 'site-1',
    updatedAt: 'x',
    deleted: false,
    entryId: 'entry-1',
    level: 'chief',
    forwardedFromId: null,
    reason: '租戶投訴冷氣漏水，需要科長決定是否停機',
    sentBy: desk.id,
    sentAt: T,
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

const rows = new Map<string, Escalation>();
const lookup = (_t: string, id: string) => rows.get(id) as Record<string, unknown> | undefined;
const send = (e: Escalation, actor: { id: string; role: 'desk' | 'chief' | 'manager' | 'admin' }) =>
  escalationRefusal(null, e, actor, lookup);
const step = (prev: Escalation, patch: Partial<Escalation>, actor: typeof chief | typeof manager | typeof desk) =>
  escalationRefusal(prev, { ...prev, ...patch }, actor, lookup);
const codeOf = (r: ReturnType<typeof escalationRefusal>) => r?.issues[0]?.code ?? null;

describe('escalation routing (D3)', () => {
  it('D3: a difficult matter goes to the section chief (and the manager above); a major one to the manager only', () => {
    expect(recipientRoles('chief')).toEqual(['chief', 'manager']);
    expect(recipientRoles('manager')).toEqual(['manager']);
    expect(isRecipient('chief', 'desk')).toBe(false);
    expect(isRecipient('manager', 'chief')).toBe(false);
    expect(isRecipient('manager', 'admin')).toBe(false);
  });

  it('D3: anyone on duty sends to the chief or straight to the manager, in their own name, with a reason', () => {
    expect(send(escalation(), desk)).toBeNull();
    expect(send(escalation({ level: 'manager' }), desk)).toBeNull();
    expect(codeOf(send(escalation({ sentBy: chief.id }), desk))).toBe('notActor');
    const blank = send(escalation({ reason: '   ' }), desk);
    expect(blank?.code).toBe('validation_failed');
    expect(blank?.issues).toEqual([{ path: 'reason', code: 'required' }]);
  });

  it('D3: a new escalation is neither acknowledged nor decided by its sender', () => {
    const r = send(escalation({ sentBy: chief.id, acknowledgedBy: chief.id, acknowledgedAt: T }), chief);
    expect(r?.issues[0]).toEqual({ path: 'acknowledgedBy', code: 'notRecipient' });
    expect(codeOf(send(escalation({ decision: '停機檢查' }), desk))).toBe('notRecipient');
  });

  it('D3: the chief forwards their escalation to the manager; a desk person cannot, nor a chief-level row', () => {
    rows.set('esc-1', escalation());
    const forward = escalation({ id: 'esc-2', level: 'manager', forwardedFromId: 'esc-1', sentBy: chief.id });
    expect(send(forward, chief)).toBeNull();
    expect(send({ ...forward, sentBy: manager.id }, manager)).toBeNull();
    expect(codeOf(send({ ...forward, sentBy: desk.id }, desk))).toBe('notForwarder');
    expect(mayForward('desk')).toBe(false);
    expect(codeOf(send({ ...forward, level: 'chief' }, chief))).toBe('forwardMismatch');
    expect(codeOf(send({ ...forward, entryId: 'entry-2' }, chief))).toBe('forwardMismatch');
    rows.set('esc-3', escalation({ id: 'esc-3', level: 'manager' }));
    expect(codeOf(send({ ...forward, forwardedFromId: 'esc-3' }, chief))).toBe('forwardMismatch');
  });

  it('D3: only a person of the level acknowledges, in their own name', () => {
    const e = escalation();
    expect(step(e, { acknowledgedBy: chief.id, acknowledgedAt: T + 1 }, chief)).toBeNull();
    expect(step(e, { acknowledgedBy: manager.id, acknowledgedAt: T + 1 }, manager)).toBeNull();
    expect(codeOf(step(e, { acknowledgedBy: desk.id, acknowledgedAt: T + 1 }, desk))).toBe('notRecipient');
    expect(codeOf(step(e, { acknowledgedBy: manager.id, acknowledgedAt: T + 1 }, chief))).toBe('notActor');
    const toManager = escalation({ level: 'manager' });
    expect(codeOf(step(toManager, { acknowledgedBy: chief.id, acknowledgedAt: T + 1 }, chief))).toBe('notRecipient');
    expect(step(toManager, { acknowledgedBy: manager.id, acknowledgedAt: T + 1 }, manager)).toBeNull();
    expect(codeOf(escalationRefusal(e, { ...e, acknowledgedBy: admin.id, acknowledgedAt: T + 1 }, admin, lookup))).toBe(
      'notRecipient',
    );
  });

  it('D2: the decision states the measures, after or with the acknowledgement, by a person of the level', () => {
    const e = escalation();
    const acked = escalation({ acknowledgedBy: chief.id, acknowledgedAt: T + 1 });
    expect(step(acked, { decision: '通知工程部即日更換', decidedBy: chief.id, decidedAt: T + 2 }, chief)).toBeNull();
    expect(
      step(
        e,
        { acknowledgedBy: chief.id, acknowledgedAt: T + 1, decision: '停機', decidedBy: chief.id, decidedAt: T + 1 },
        chief,
      ),
    ).toBeNull();
    expect(codeOf(step(e, { decision: '停機', decidedBy: chief.id, decidedAt: T + 2 }, chief))).toBe('notAcknowledged');
    expect(codeOf(step(acked, { decision: ' ', decidedBy: chief.id, decidedAt: T + 2 }, chief))).toBe('required');
    expect(codeOf(step(acked, { decision: '停機', decidedBy: chief.id, decidedAt: T }, chief))).toBe(
      'beforeAcknowledged',
    );
    expect(codeOf(step(acked, { decision: '停機', decidedBy: desk.id, decidedAt: T + 2 }, desk))).toBe('notRecipient');
  });

  it('D3: nothing set is changed or unset afterwards, and what was sent is fixed', () => {
    const decided = escalation({
      acknowledgedBy: chief.id,
      acknowledgedAt: T + 1,
      decision: '停機',
      decidedBy: chief.id,
      decidedAt: T + 2,
    });
    expect(codeOf(step(decided, { acknowledgedBy: null, acknowledgedAt: null }, chief))).toBe('unchangeable');
    expect(codeOf(step(decided, { acknowledgedBy: manager.id, acknowledgedAt: T + 3 }, manager))).toBe('unchangeable');
    expect(codeOf(step(decided, { decision: '繼續運作' }, chief))).toBe('unchangeable');
    expect(codeOf(step(decided, { decidedBy: null, decidedAt: null, decision: '' }, chief))).toBe('unchangeable');
    expect(step(escalation(), { reason: '改寫' }, chief)?.issues[0]).toEqual({ path: 'reason', code: 'unchangeable' });
    expect(step(escalation(), { level: 'manager' }, chief)?.issues[0]).toEqual({ path: 'level', code: 'unchangeable' });
  });

  it('D3: checkRowRules applies the escalation rules to every escalation write', () => {
    expect(checkRowRules('escalation', null, escalation({ reason: '' }), desk, () => undefined)?.code).toBe(
      'validation_failed',
    );
    expect(checkRowRules('escalation', null, escalation(), desk, () => undefined)).toBeNull();
  });

  it('orders the queue: unacknowledged first, then awaiting decision, then decided, newest first within', () => {
    const a = escalation({ id: 'a', sentAt: T, acknowledgedBy: 'c', acknowledgedAt: T });
    const b = escalation({ id: 'b', sentAt: T + 5, decidedBy: 'c', acknowledgedBy: 'c' });
    const c = escalation({ id: 'c', sentAt: T - 5 });
    const d = escalation({ id: 'd', sentAt: T + 9 });
    expect([a, b, c, d].sort(compareEscalations).map((e) => e.id)).toEqual(['d', 'c', 'a', 'b']);
    expect(escalationState(a)).toBe('awaitingDecision');
  });
});
