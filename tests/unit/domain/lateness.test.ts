import { describe, expect, it } from 'vitest';
import { incomingExpectedAt, joinLateness, minutesLate, opensAt } from '../../../src/domain/lateness';

const CHANGE = Date.parse('2025-03-14T18:00:00+08:00');
const at = (hhmm: string) => Date.parse(`2025-03-14T${hhmm}:00+08:00`);

describe('H1: lateness against the scheduled change', () => {
  it('preparation opens 15 minutes and the incoming person is due 5 minutes before the change', () => {
    expect(opensAt(CHANGE, 15)).toBe(at('17:45'));
    expect(incomingExpectedAt(CHANGE, 5)).toBe(at('17:55'));
    expect(minutesLate(at('17:55'), at('18:02'))).toBe(7);
    expect(minutesLate(at('17:55'), at('17:52'))).toBe(-3);
  });

  it('measures a handover from the join, not from the change or the signing', () => {
    const record = { kind: 'handover', scheduledAt: CHANGE, joinedAt: at('18:02') };
    expect(joinLateness(record, 5)).toBe(7);
    expect(joinLateness({ ...record, joinedAt: at('17:55') }, 5)).toBe(0);
    expect(joinLateness({ ...record, joinedAt: at('17:50') }, 5)).toBe(-5);
    // A building whose incoming lead is 10 minutes expects them at 17:50.
    expect(joinLateness(record, 10)).toBe(12);
  });

  it('has nothing to measure for an opening, a closing, no scheduled change or no join', () => {
    expect(joinLateness({ kind: 'opening', scheduledAt: CHANGE, joinedAt: at('18:02') }, 5)).toBeNull();
    expect(joinLateness({ kind: 'closing', scheduledAt: CHANGE, joinedAt: null }, 5)).toBeNull();
    expect(joinLateness({ kind: 'handover', scheduledAt: null, joinedAt: at('18:02') }, 5)).toBeNull();
    expect(joinLateness({ kind: 'handover', scheduledAt: CHANGE, joinedAt: null }, 5)).toBeNull();
  });
});
