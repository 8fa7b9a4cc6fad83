import { describe, expect, it } from 'vitest';
import type { ShiftTemplate } from '../../../src/domain/entities';
import { attendance, shiftBounds, type Assignment } from '../../../src/domain/swap-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const [ANN, BEN] = [id(1), id(2)];
const H = 3_600_000;
const DAY0 = Date.UTC(2025, 5, 2, 1); // 09:00 in Hong Kong

describe('shiftBounds (T1, S2)', () => {
  const day: ShiftTemplate = { id: 'day', name: 'Day', start: '09:00', end: '18:00' };
  const night: ShiftTemplate = { id: 'night', name: 'Night', start: '22:00', end: '06:00' };
  const full: ShiftTemplate = { id: 'full', name: '24h', start: '08:00', end: '08:00' };

  it('T1: reads the template in the building’s zone (Hong Kong, no DST)', () => {
    expect(shiftBounds('2025-06-02', day, 'Asia/Hong_Kong')).toEqual({
      startsAt: Date.UTC(2025, 5, 2, 1),
      endsAt: Date.UTC(2025, 5, 2, 10),
    });
  });

  it('S2: an end at or before the start is on the next day, across month ends', () => {
    expect(shiftBounds('2025-05-31', night, 'Asia/Hong_Kong')).toEqual({
      startsAt: Date.UTC(2025, 4, 31, 14),
      endsAt: Date.UTC(2025, 4, 31, 22), // 06:00 on 1 June in Hong Kong
    });
    const b = shiftBounds('2025-12-31', full, 'Asia/Hong_Kong');
    expect(b).toEqual({ startsAt: Date.UTC(2025, 11, 31, 0), endsAt: Date.UTC(2026, 0, 1, 0) });
  });

  it('T1: Europe/London summer and winter time', () => {
    expect(shiftBounds('2025-01-15', day, 'Europe/London').startsAt).toBe(Date.UTC(2025, 0, 15, 9));
    expect(shiftBounds('2025-07-15', day, 'Europe/London').startsAt).toBe(Date.UTC(2025, 6, 15, 8));
  });

  it('T1: a night shift across the spring-forward night is 7 h long', () => {
    expect(shiftBounds('2025-03-29', night, 'Europe/London')).toEqual({
      startsAt: Date.UTC(2025, 2, 29, 22),
      endsAt: Date.UTC(2025, 2, 30, 5),
    });
  });

  it('T1: a night shift across the fall-back night is 9 h long', () => {
    expect(shiftBounds('2025-10-25', night, 'Europe/London')).toEqual({
      startsAt: Date.UTC(2025, 9, 25, 21),
      endsAt: Date.UTC(2025, 9, 26, 6),
    });
  });

  it('refuses a malformed day', () => {
    expect(() => shiftBounds('2025-6-2', day, 'Asia/Hong_Kong')).toThrow(RangeError);
  });
});

describe('attendance (S1)', () => {
  const asg: Assignment = {
    rotaShiftId: id(101),
    staffId: ANN,
    day: '2025-06-02',
    shiftId: 'day',
    startsAt: DAY0,
    endsAt: DAY0 + 9 * H,
    viaSwapId: null,
  };
  const M = 60_000;
  const after = DAY0 + 24 * H;

  it('S1: on time (arrived early, left after the end)', () => {
    const [row] = attendance([asg], [{ staffId: ANN, startedAt: DAY0 - 5 * M, endedAt: DAY0 + 9 * H + 3 * M }], after);
    expect(row).toMatchObject({ lateMinutes: 0, earlyLeaveMinutes: 0, absent: false, startedAt: DAY0 - 5 * M });
  });

  it('S1: late start', () => {
    const [row] = attendance(
      [asg],
      [{ staffId: ANN, startedAt: DAY0 + 17 * M + 30_000, endedAt: DAY0 + 9 * H }],
      after,
    );
    expect(row).toMatchObject({ lateMinutes: 17, earlyLeaveMinutes: 0, absent: false });
  });

  it('S1: early leave', () => {
    const [row] = attendance([asg], [{ staffId: ANN, startedAt: DAY0, endedAt: DAY0 + 8 * H }], after);
    expect(row).toMatchObject({ lateMinutes: 0, earlyLeaveMinutes: 60, absent: false, endedAt: DAY0 + 8 * H });
  });

  it('S1: absent once the shift is over with no duty; another person’s duty does not count', () => {
    const [row] = attendance([asg], [{ staffId: BEN, startedAt: DAY0, endedAt: DAY0 + 9 * H }], after);
    expect(row).toMatchObject({ absent: true, startedAt: null, endedAt: null, lateMinutes: 0 });
  });

  it('S1: not yet arrived on a running shift is late so far, not yet absent', () => {
    const [row] = attendance([asg], [], DAY0 + 20 * M);
    expect(row).toMatchObject({ absent: false, lateMinutes: 20 });
    expect(attendance([asg], [], DAY0 - H)[0]).toMatchObject({ absent: false, lateMinutes: 0 });
  });

  it('still on duty: no end, no early leave', () => {
    const [row] = attendance([asg], [{ staffId: ANN, startedAt: DAY0, endedAt: null }], DAY0 + 3 * H);
    expect(row).toMatchObject({ endedAt: null, earlyLeaveMinutes: 0, absent: false });
  });
});
