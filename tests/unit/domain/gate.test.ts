import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/entities';
import {
  BLOCKER_CODES,
  checkOverride,
  eligibleIncoming,
  evaluateGate,
  PREPARATION_KEYS,
  type Blocker,
  type GateInput,
} from '../../../src/domain/gate';
import type { Assignment } from '../../../src/domain/swap-rules';

const SUB = '00000000-0000-4000-8000-000000000005';
const OUT = '00000000-0000-4000-8000-000000000001';

/** Everything cleared: the handover is allowed. */
function cleared(): GateInput {
  return {
    openEntries: [
      { id: 'e-routine', kind: 'enquiry', severity: 'routine', status: 'open' },
      { id: 'e-resolved', kind: 'emergency', severity: 'emergency', status: 'resolved' },
      { id: 'e-equip-done', kind: 'equipmentOp', severity: 'routine', status: 'resolved' },
    ],
    handover: {
      recordReviewed: true,
      equipmentChecked: true,
      pendingReviewed: true,
      anomaliesAsked: true,
      anomalyAnswer: 'Lift 2 out of service, contractor booked',
      fitness: 'fit',
      substituteStaffId: null,
    },
    countComplete: true,
    openTasks: [
      { id: 't-ordinary', important: false, status: 'open' },
      { id: 't-important-done', important: true, status: 'done' },
    ],
    incomingRostered: true,
  };
}

const codes = (b: Blocker[]) => b.map((x) => x.code);

describe('evaluateGate (H11)', () => {
  it('allows the handover when every condition is cleared', () => {
    expect(evaluateGate(cleared())).toEqual([]);
  });

  it('H11(a) majorOpen: an open major entry blocks on its own', () => {
    const input = cleared();
    input.openEntries.push({ id: 'e-major', kind: 'complaint', severity: 'major', status: 'open' });
    expect(evaluateGate(input)).toEqual([{ code: 'majorOpen', refs: ['e-major'] }]);
    input.openEntries[3] = { id: 'e-major', kind: 'complaint', severity: 'major', status: 'resolved' };
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(a) majorOpen: an open emergency blocks on its own', () => {
    const input = cleared();
    input.openEntries.push({ id: 'e-fire', kind: 'emergency', severity: 'emergency', status: 'open' });
    expect(evaluateGate(input)).toEqual([{ code: 'majorOpen', refs: ['e-fire'] }]);
    input.openEntries.pop();
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(b) equipmentInProgress: an open equipment start/stop blocks on its own', () => {
    const input = cleared();
    input.openEntries.push({ id: 'e-pump', kind: 'equipmentOp', severity: 'routine', status: 'open' });
    expect(evaluateGate(input)).toEqual([{ code: 'equipmentInProgress', refs: ['e-pump'] }]);
    input.openEntries[3] = { id: 'e-pump', kind: 'equipmentOp', severity: 'routine', status: 'resolved' };
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

  it('H11(c) each preparation key is reported on its own', () => {
    const breakers: Record<(typeof PREPARATION_KEYS)[number], (i: GateInput) => void> = {
      recordReviewed: (i) => (i.handover.recordReviewed = false),
      itemsCounted: (i) => (i.countComplete = false),
      equipmentChecked: (i) => (i.handover.equipmentChecked = false),
      pendingReviewed: (i) => (i.handover.pendingReviewed = false),
      anomaliesAsked: (i) => (i.handover.anomaliesAsked = false),
      fitnessAttested: (i) => (i.handover.fitness = 'unset'),
    };
    for (const key of PREPARATION_KEYS) {
      const input = cleared();
      breakers[key](input);
      expect(evaluateGate(input)).toEqual([{ code: 'preparationIncomplete', refs: [key] }]);
    }
  });

  it('H10 anomaliesAsked needs a recorded answer, not only the tick', () => {
    const input = cleared();
    input.handover.anomalyAnswer = '   ';
    expect(evaluateGate(input)).toEqual([{ code: 'preparationIncomplete', refs: ['anomaliesAsked'] }]);
  });

  it('H4 importantWork: open important tasks block on their own', () => {
    const input = cleared();
    input.openTasks.push({ id: 't-vip', important: true, status: 'open' });
    expect(evaluateGate(input)).toEqual([{ code: 'importantWork', refs: ['t-vip'] }]);
    input.openTasks[2] = { id: 't-vip', important: true, status: 'done' };
    expect(evaluateGate(input)).toEqual([]);
  });

  it('H11(d) unfit without a substitute blocks; with a substitute it does not', () => {
    const input = cleared();
    input.handover.fitness = 'unfit';
    expect(evaluateGate(input)).toEqual([{ code: 'unfit', refs: [] }]);
    input.handover.substituteStaffId = SUB;
    expect(evaluateGate(input)).toEqual([]);
  });

  it('S1 notRostered: nobody rostered for the next shift blocks on its own', () => {
    const input = cleared();
    input.incomingRostered = false;
    expect(evaluateGate(input)).toEqual([{ code: 'notRostered', refs: [] }]);
  });

  it('reports every blocker at once, in BLOCKER_CODES order', () => {
    const input = cleared();
    input.openEntries.push({ id: 'e-x', kind: 'equipmentOp', severity: 'major', status: 'open' });
    input.handover.recordReviewed = false;
    input.handover.fitness = 'unfit';
    input.openTasks.push({ id: 't-y', important: true, status: 'open' });
    input.incomingRostered = false;
    expect(codes(evaluateGate(input))).toEqual([...BLOCKER_CODES]);
  });
});

describe('checkOverride (H11 override)', () => {
  const blockers: Blocker[] = [{ code: 'majorOpen', refs: ['e-1'] }];
  const reason = 'Fire brigade on site, chief takes responsibility';

  it.each<Role>(['desk', 'admin'])('refuses role %s', (role) => {
    expect(checkOverride(role, reason, blockers)).toBe('role');
  });

  it.each<Role>(['chief', 'manager'])('accepts role %s with a reason', (role) => {
    expect(checkOverride(role, reason, blockers)).toBeNull();
  });

  it.each(['', '     ', 'ok  ', '  abcd  '])('refuses the reason %j (empty, blank or shorter than 5)', (r) => {
    expect(checkOverride('chief', r, blockers)).toBe('reason');
  });

  it('accepts a reason of exactly 5 characters after trimming', () => {
    expect(checkOverride('manager', '  abcde ', blockers)).toBeNull();
  });

  it('refuses when nothing blocks', () => {
    expect(checkOverride('chief', reason, [])).toBe('nothingToOverride');
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
});
