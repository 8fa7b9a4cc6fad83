import { describe, expect, it } from 'vitest';
import type { ShiftTemplate } from '../../../src/domain/entities';
import type { Assignment } from '../../../src/domain/swap-rules';
import { scheduledShiftEnd } from '../../../src/client/features/handover/shift-end';

const HOUR = 3_600_000;
const ZONE = 'Asia/Hong_Kong';
/** 2026-12-02 00:00 in Hong Kong. */
const DAY = Date.UTC(2026, 11, 1, 16, 0, 0);
const SHIFTS: ShiftTemplate[] = [
  { id: 'day', name: 'Day', start: '09:00', end: '18:00' },
  { id: 'night', name: 'Night', start: '18:00', end: '09:00' },
];
const assign = (staffId: string, shiftId: string, startsAt: number, endsAt: number): Assignment => ({
  rotaShiftId: `${staffId}-${shiftId}`,
  staffId,
  day: '2026-12-02',
  shiftId,
  startsAt,
  endsAt,
  viaSwapId: null,
});

describe('the end of the shift a duty belongs to (H1)', () => {
  const rota = [
    assign('kay', 'day', DAY + 9 * HOUR, DAY + 18 * HOUR),
    assign('wai', 'night', DAY + 18 * HOUR, DAY + 33 * HOUR),
  ];

  it('H1: a person who took over early (14:17 for a night shift from 18:00) ends with their own shift, not the day template', () => {
    const end = scheduledShiftEnd({
      staffId: 'wai',
      dutyStartedAt: DAY + 14 * HOUR + 17 * 60_000,
      dutyShiftId: null,
      nowMs: DAY + 14 * HOUR + 20 * 60_000,
      assignments: rota,
      shifts: SHIFTS,
      timeZone: ZONE,
    });
    expect(end).toBe(DAY + 33 * HOUR);
  });

  it('H1: a person staying past the end of their shift keeps the end they were due', () => {
    const end = scheduledShiftEnd({
      staffId: 'kay',
      dutyStartedAt: DAY + 9 * HOUR,
      dutyShiftId: 'day',
      nowMs: DAY + 18 * HOUR + 20 * 60_000,
      assignments: rota,
      shifts: SHIFTS,
      timeZone: ZONE,
    });
    expect(end).toBe(DAY + 18 * HOUR);
  });

  it('without a rostered shift, the building template around now is the end', () => {
    const end = scheduledShiftEnd({
      staffId: 'nobody',
      dutyStartedAt: DAY + 10 * HOUR,
      dutyShiftId: null,
      nowMs: DAY + 11 * HOUR,
      assignments: rota,
      shifts: SHIFTS,
      timeZone: ZONE,
    });
    expect(end).toBe(DAY + 18 * HOUR);
  });
});
