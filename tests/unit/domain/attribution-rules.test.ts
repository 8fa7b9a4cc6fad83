import { describe, expect, it } from 'vitest';
import { checkRowRules, type RowLookup } from '../../../src/domain/row-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const T = 1_750_000_000_000;
const noLookup: RowLookup = () => undefined;

describe('attribution (H1, H7, H8, H9): who a row names is who acted', () => {
  const [OUT, IN, DRAFT, OPENING, TASK] = [id(70), id(71), id(72), id(73), id(74)];
  const draft = {
    id: DRAFT,
    kind: 'handover',
    outgoingStaffId: OUT,
    incomingStaffId: IN,
    joinedAt: null,
    synthesis: '',
  };
  const joined = { ...draft, joinedAt: T };
  const opening = { id: OPENING, kind: 'opening', outgoingStaffId: null, incomingStaffId: IN, joinedAt: T };
  const drafts =
    (d: Record<string, unknown>): RowLookup =>
    (table, rowId) =>
      table === 'handover'
        ? ({ [DRAFT]: d, [OPENING]: opening } as Record<string, Record<string, unknown>>)[rowId]
        : undefined;
  const by = (staffId: string) => ({ id: staffId, role: 'desk' as const });
  const tap = (staffId: string, extra: Record<string, unknown> = {}) => ({
    handoverId: DRAFT,
    state: 'present',
    quantity: 1,
    explanation: '',
    explainedBy: null,
    staffId,
    ...extra,
  });
  const explained = { state: 'missing', quantity: 0, explanation: 'Lent to the guard' };

  it.each(['countLine', 'acknowledgement', 'taskNote', 'logAmendment', 'itemMovement'] as const)(
    'a new %s under another person than the actor is a rule_violation (notActor)',
    (table) => {
      const refusal = checkRowRules(table, null, { staffId: IN, handoverId: null }, by(OUT), noLookup);
      expect(refusal).toMatchObject({ code: 'rule_violation', issues: [{ path: 'staffId', code: 'notActor' }] });
    },
  );

  it('H8: an explanation is the outgoing person’s; a line without one names nobody', () => {
    const check = (extra: Record<string, unknown>) =>
      checkRowRules('countLine', null, tap(OUT, extra), by(OUT), drafts(draft));
    expect(check({ ...explained, explainedBy: OUT })).toBeNull();
    expect(check({ ...explained, explainedBy: IN })?.issues).toEqual([{ path: 'explainedBy', code: 'notOutgoing' }]);
    expect(check({ explainedBy: OUT })?.issues).toEqual([{ path: 'explainedBy', code: 'noExplanation' }]);
  });

  it('H8: at an opening the opener explains', () => {
    const line = { ...tap(IN, { ...explained, explainedBy: IN }), handoverId: OPENING };
    expect(checkRowRules('countLine', null, line, by(IN), drafts(draft))).toBeNull();
  });

  it('H1, H8: once the incoming person joined, the taps are theirs', () => {
    expect(checkRowRules('countLine', null, tap(OUT), by(OUT), drafts(draft))).toBeNull();
    expect(checkRowRules('countLine', null, tap(OUT), by(OUT), drafts(joined))?.issues).toEqual([
      { path: 'staffId', code: 'notIncoming' },
    ]);
    expect(checkRowRules('countLine', null, tap(IN), by(IN), drafts(joined))).toBeNull();
  });

  it('H7: an acknowledgement during a handover needs the join and is the incoming person’s', () => {
    const ack = (staffId: string) => ({ taskId: TASK, staffId, handoverId: DRAFT });
    expect(checkRowRules('acknowledgement', null, ack(IN), by(IN), drafts(draft))?.issues).toEqual([
      { path: 'handoverId', code: 'notJoined' },
    ]);
    expect(checkRowRules('acknowledgement', null, ack(OUT), by(OUT), drafts(joined))?.issues).toEqual([
      { path: 'staffId', code: 'notIncoming' },
    ]);
    expect(checkRowRules('acknowledgement', null, ack(IN), by(IN), drafts(joined))).toBeNull();
    expect(checkRowRules('acknowledgement', null, ack(IN), by(IN), noLookup)?.code).toBe('rule_violation');
  });

  it('H1, H9: the join and, after it, the restatement are the incoming person’s', () => {
    expect(checkRowRules('handover', draft, joined, by(OUT), noLookup)?.issues).toEqual([
      { path: 'joinedAt', code: 'notIncoming' },
    ]);
    expect(checkRowRules('handover', draft, joined, by(IN), noLookup)).toBeNull();
    const restated = { ...joined, synthesis: 'Keys complete' };
    expect(checkRowRules('handover', joined, restated, by(OUT), noLookup)?.issues).toEqual([
      { path: 'synthesis', code: 'notIncoming' },
    ]);
    expect(checkRowRules('handover', joined, restated, by(IN), noLookup)).toBeNull();
    // Before the join the draft is the outgoing person's to prepare.
    expect(checkRowRules('handover', draft, { ...draft, anomalyAnswer: 'None' }, by(OUT), noLookup)).toBeNull();
  });
});
