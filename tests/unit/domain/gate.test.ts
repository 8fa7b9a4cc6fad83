import { describe, expect, it } from 'vitest';
import * as gate from '../../../src/domain/gate';
import {
  BLOCKER_CODES,
  PREPARATION_BY_KIND,
  eligibleIncoming,
  evaluateGate,
  isSubstituteApproved,
  PREPARATION_KEYS,
  type GateEntry,
  type GateInput,
} from '../../../src/domain/gate';
import type { SubstituteApproval } from '../../../src/domain/handover-entities';
import type { Assignment } from '../../../src/domain/swap-rules';

const SUB = '00000000-0000-4000-8000-000000000005';
const OUT = '00000000-0000-4000-8000-000000000001';
const CHIEF = '00000000-0000-4000-8000-000000000007';
const MANAGER = '00000000-0000-4000-8000-000000000008';
const NOW = 1_750_000_000_000;

const entry = (e: Partial<GateEntry> & Pick<GateEntry, 'id'>): GateEntry => ({
  kind: 'enquiry',
  severity: 'routine',
  status: 'open',
  occurredAt: NOW - 3_600_000,
  operationEndedAt: null,
  ...e,
});

/** Everything cleared: the handover is allowed. */
function cleared(kind: GateInput['kind'] = 'handover'): GateInput {
  return {
    kind,
    now: NOW,
    entries: [
      entry({ id: 'e-routine' }),
      entry({ id: 'e-resolved', kind: 'emergency', severity: 'emergency', status: 'resolved' }),
      entry({ id: 'e-equip-done', kind: 'equipmentOp', status: 'resolved', operationEndedAt: NOW - 60_000 }),
    ],
    handover: {
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      anomalyAnswer: 'Lift 2 out of service, contractor booked',
      fitness: 'fit',
      substituteStaffId: null,
      joinedAt: NOW - 600_000,
    },
    countComplete: true,
    openTasks: [
      { id: 't-ordinary', important: false, status: 'open' },
      { id: 't-important-done', important: true, status: 'done' },
    ],
    incomingRostered: true,
    substituteApproved: false,
    unacknowledgedInstructionIds: [],
    nextShiftRostered: false,
  };
}

const codes = (b: gate.Blocker[]) => b.map((x) => x.code);

describe('evaluateGate (H11, H4)', () => {
  it('allows the handover, the opening and the closing when every condition is cleared', () => {
    for (const kind of ['handover', 'opening', 'closing'] as const) expect(evaluateGate(cleared(kind))).toEqual([]);
  });

  it('H11: there is no override: the gate module offers no way around a blocker', () => {
    expect(Object.keys(gate)).not.toContain('checkOverride');
    expect(Object.keys(gate)).not.toContain('OVERRIDE_REASON_MIN');
  });

  it('H11(a) majorOpen: an open major entry or emergency blocks on its own', () => {
    const input = cleared();
    input.entries.push(entry({ id: 'e-major', kind: 'complaint', severity: 'major' }));
    input.entries.push(entry({ id: 'e-fire', kind: 'emergency', severity: 'emergency' }));
    expect(evaluateGate(input)).toEqual([{ code: 'majorOpen', refs: ['e-major', 'e-fire'] }]);
    input.entries.splice(3, 2, entry({ id: 'e-major', severity: 'major', status: 'resolved' }));
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(a) a major matter referred to a department no longer blocks', () => {
    const input = cleared();
    input.entries.push(entry({ id: 'e-lift', kind: 'repair', severity: 'major', status: 'referred' }));
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(b) equipmentInProgress: an equipment operation blocks from its start until its end, whatever its status', () => {
    const input = cleared();
    const pump = entry({ id: 'e-pump', kind: 'equipmentOp', status: 'resolved', occurredAt: NOW - 60_000 });
    input.entries.push(pump);
    expect(evaluateGate(input)).toEqual([{ code: 'equipmentInProgress', refs: ['e-pump'] }]);
    input.entries[3] = { ...pump, operationEndedAt: NOW - 1 };
    expect(evaluateGate(input)).toEqual([]);
    // Planned for later: not in progress yet.
    input.entries[3] = { ...pump, occurredAt: NOW + 3_600_000 };
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(c) preparationIncomplete lists exactly the missing keys', () => {
    const input = cleared();
    input.handover.equipmentChecked = false;
    input.countComplete = false;
    expect(evaluateGate(input)).toEqual([
      { code: 'preparationIncomplete', refs: ['itemsCounted', 'equipmentChecked'] },
    ]);
    input.handover.equipmentChecked = true;
    input.countComplete = true;
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(c) each preparation key is reported on its own, for the kinds that need it', () => {
    const breakers: Record<(typeof PREPARATION_KEYS)[number], (i: GateInput) => void> = {
      recordReviewed: (i) => (i.handover.recordReviewed = false),
      itemsCounted: (i) => (i.countComplete = false),
      equipmentChecked: (i) => (i.handover.equipmentChecked = false),
      pendingReviewed: (i) => (i.handover.pendingReviewed = false),
      anomaliesAsked: (i) => (i.handover.anomaliesAsked = false),
      fitnessAttested: (i) => (i.handover.fitness = 'unset'),
    };
    for (const kind of ['handover', 'opening', 'closing'] as const) {
      for (const key of PREPARATION_KEYS) {
        const input = cleared(kind);
        breakers[key](input);
        const expected = PREPARATION_BY_KIND[kind].includes(key)
          ? [{ code: 'preparationIncomplete', refs: [key] }]
          : [];
        expect(evaluateGate(input), `${kind} ${key}`).toEqual(expected);
      }
    }
    // H8: an opening only counts, against the last closing count.
    expect(PREPARATION_BY_KIND.opening).toEqual(['itemsCounted']);
  });

  it('H10 anomaliesAsked needs a recorded answer, not only the tick', () => {
    const input = cleared();
    input.handover.anomalyAnswer = '   ';
    expect(evaluateGate(input)).toEqual([{ code: 'preparationIncomplete', refs: ['anomaliesAsked'] }]);
  });

  it('H4 importantWork: open important tasks block a handover or closing, not an opening', () => {
    for (const kind of ['handover', 'closing'] as const) {
      const input = cleared(kind);
      input.openTasks.push({ id: 't-vip', important: true, status: 'open' });
      expect(evaluateGate(input)).toEqual([{ code: 'importantWork', refs: ['t-vip'] }]);
      input.openTasks[2] = { id: 't-vip', important: true, status: 'done' };
      expect(evaluateGate(input)).toEqual([]);
    }
    const opening = cleared('opening');
    opening.openTasks.push({ id: 't-vip', important: true, status: 'open' });
    expect(evaluateGate(opening)).toEqual([]);
  });

  it('H11(d) unfit without a substitute blocks; a substitute blocks until the cover is approved (S1)', () => {
    const input = cleared();
    input.handover.fitness = 'unfit';
    expect(evaluateGate(input)).toEqual([{ code: 'unfit', refs: [] }]);
    input.handover.substituteStaffId = SUB;
    expect(evaluateGate(input)).toEqual([{ code: 'substituteUnapproved', refs: [SUB] }]);
    input.substituteApproved = true;
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H1 notJoined and H7 instructionsUnacknowledged block a handover only', () => {
    const input = cleared();
    input.handover.joinedAt = null;
    input.unacknowledgedInstructionIds = ['t-fire-drill'];
    expect(evaluateGate(input)).toEqual([
      { code: 'notJoined', refs: [] },
      { code: 'instructionsUnacknowledged', refs: ['t-fire-drill'] },
    ]);
    for (const kind of ['opening', 'closing'] as const) {
      expect(evaluateGate({ ...cleared(kind), handover: input.handover, unacknowledgedInstructionIds: ['t'] })).toEqual(
        [],
      );
    }
  });

  it('S1 notRostered blocks a handover or an opening; H3 nextShiftRostered blocks a closing only', () => {
    for (const kind of ['handover', 'opening'] as const) {
      expect(evaluateGate({ ...cleared(kind), incomingRostered: false, nextShiftRostered: true })).toEqual([
        { code: 'notRostered', refs: [] },
      ]);
    }
    expect(evaluateGate({ ...cleared('closing'), incomingRostered: false, nextShiftRostered: true })).toEqual([
      { code: 'nextShiftRostered', refs: [] },
    ]);
  });

  it('reports every blocker of a handover at once', () => {
    const input = cleared();
    input.entries.push(entry({ id: 'e-x', kind: 'equipmentOp', severity: 'major' }));
    input.handover.recordReviewed = false;
    input.handover.fitness = 'unfit';
    input.handover.joinedAt = null;
    input.openTasks.push({ id: 't-y', important: true, status: 'open' });
    input.incomingRostered = false;
    input.unacknowledgedInstructionIds = ['t-z'];
    // unfit and substituteUnapproved exclude each other; nextShiftRostered is a closing's.
    const expected = BLOCKER_CODES.filter((c) => c !== 'substituteUnapproved' && c !== 'nextShiftRostered');
    expect(codes(evaluateGate(input)).sort()).toEqual([...expected].sort());
  });
});

describe('isSubstituteApproved (H11(d), S1)', () => {
  const active = new Map([
    [CHIEF, 'chief'],
    [MANAGER, 'manager'],
  ]);
  const isActiveRole = (id: string, role: 'chief' | 'manager') => active.get(id) === role;
  const spot = (a: Partial<SubstituteApproval> = {}): SubstituteApproval => ({
    swapRequestId: null,
    chiefStaffId: CHIEF,
    chiefAt: NOW - 120_000,
    managerStaffId: MANAGER,
    managerAt: NOW - 60_000,
    ...a,
  });
  const cover: Assignment = {
    rotaShiftId: 'r-1',
    staffId: SUB,
    day: '2025-06-02',
    shiftId: 'day',
    startsAt: NOW,
    endsAt: NOW + 9 * 3_600_000,
    viaSwapId: 'swap-1',
  };

  it("on the spot: the active chief's confirmation and the active manager's approval, two people, with times", () => {
    expect(isSubstituteApproved({ substituteStaffId: SUB, substituteApproval: spot() }, [], isActiveRole)).toBe(true);
    const refused = [
      spot({ managerStaffId: CHIEF }),
      spot({ chiefStaffId: MANAGER, managerStaffId: CHIEF }),
      spot({ managerAt: null }),
      spot({ chiefStaffId: null }),
      spot({ chiefStaffId: OUT }),
    ];
    for (const a of refused) {
      expect(isSubstituteApproved({ substituteStaffId: SUB, substituteApproval: a }, [], isActiveRole)).toBe(false);
    }
    expect(isSubstituteApproved({ substituteStaffId: SUB, substituteApproval: null }, [], isActiveRole)).toBe(false);
  });

  it('beforehand: an approved cover request that puts the substitute on the shift (effective rota)', () => {
    const viaSwap = spot({ swapRequestId: 'swap-1', chiefStaffId: null, managerStaffId: null });
    expect(isSubstituteApproved({ substituteStaffId: SUB, substituteApproval: viaSwap }, [cover], isActiveRole)).toBe(
      true,
    );
    expect(isSubstituteApproved({ substituteStaffId: SUB, substituteApproval: viaSwap }, [], isActiveRole)).toBe(false);
    expect(isSubstituteApproved({ substituteStaffId: OUT, substituteApproval: viaSwap }, [cover], isActiveRole)).toBe(
      false,
    );
  });
});

describe('eligibleIncoming (S1, H11(d))', () => {
  const a = (staffId: string, startsAt: number): Assignment => ({
    rotaShiftId: `r-${staffId}-${startsAt}`,
    staffId,
    day: '2025-06-02',
    shiftId: 'day',
    startsAt,
    endsAt: startsAt + 9 * 3_600_000,
    viaSwapId: null,
  });

  it('gives the rostered candidates, once each, without the outgoing person', () => {
    const candidates = [a('B', 1), a(OUT, 2), a('C', 3), a('B', 4)];
    expect(eligibleIncoming(candidates, { fitness: 'fit', substituteStaffId: null }, OUT)).toEqual(['B', 'C']);
    expect(eligibleIncoming(candidates, { fitness: 'unset', substituteStaffId: null }, OUT)).toEqual(['B', 'C']);
  });

  it('H11(d) unfit: only the named substitute, or nobody', () => {
    const candidates = [a('B', 1)];
    expect(eligibleIncoming(candidates, { fitness: 'unfit', substituteStaffId: SUB }, OUT)).toEqual([SUB]);
    expect(eligibleIncoming(candidates, { fitness: 'unfit', substituteStaffId: null }, OUT)).toEqual([]);
    expect(eligibleIncoming(candidates, { fitness: 'unfit', substituteStaffId: OUT }, OUT)).toEqual([]);
  });

  it('nobody rostered gives nobody', () => {
    expect(eligibleIncoming([], { fitness: 'fit', substituteStaffId: null }, OUT)).toEqual([]);
  });

  it('H3 opening: with no outgoing person, every rostered candidate', () => {
    expect(eligibleIncoming([a('B', 1), a(OUT, 2)], { fitness: 'fit', substituteStaffId: null }, null)).toEqual([
      'B',
      OUT,
    ]);
  });
});
