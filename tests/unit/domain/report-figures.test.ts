import { describe, expect, it } from 'vitest';
import { computeDayFigures } from '../../../src/domain/day-figures';
import {
  computePersonFigures,
  median,
  monthBounds,
  personFiguresCsv,
  PERSON_FIGURE_COLUMNS,
  type PersonFigures,
} from '../../../src/domain/person-figures';
import { A, AMENDMENTS, APRIL_ENTRY, B, C, ENTRIES, ESCALATIONS, hk, LEADS, RECORDS, TZ } from './report-fixtures';

const ZERO: Omit<PersonFigures, 'staffId'> = {
  incomingOnTime: 0,
  incomingLate: 0,
  outgoingOnTime: 0,
  outgoingLate: 0,
  openings: 0,
  closings: 0,
  countsWithDiscrepancies: 0,
  entriesLogged: 0,
  escalationsSent: 0,
  resolved: 0,
  medianResolveMinutes: null,
};

describe('O2: the figures of a building day, on a fixed data set', () => {
  it('counts entries by kind, matters, discrepancies, handovers on time or late, openings, closings, referred and open items, escalations', () => {
    const figures = computeDayFigures(
      { entries: ENTRIES, records: RECORDS, escalations: ESCALATIONS },
      LEADS.incomingLeadMinutes,
    );
    expect(figures).toEqual({
      entries: 5,
      byKind: { complaint: 2, repair: 1, emergency: 1, enquiry: 1 },
      complaints: 2,
      repairs: 1,
      emergencies: 1,
      // H8: one missing at the 18:00 handover, one damaged at the closing; the addendum is not counted.
      discrepancies: 2,
      handoversOnTime: 1,
      handoversLate: 1,
      openings: 1,
      closings: 1,
      referred: 1,
      open: 1,
      escalations: 2,
    });
  });
});

describe('O3: per-person figures of a month, on a fixed data set', () => {
  const rows = {
    entries: [...ENTRIES, APRIL_ENTRY],
    amendments: AMENDMENTS,
    records: RECORDS,
    escalations: ESCALATIONS,
  };

  it('gives each person their handovers (H1: join as incoming, preparation as outgoing), openings, closings, discrepancies, entries, escalations and median time to resolve', () => {
    expect(computePersonFigures(rows, '2025-03', TZ, LEADS)).toEqual(
      [
        // A: gave the 18:00 handover prepared in time (with a missing radio), joined 09:00 late.
        {
          ...ZERO,
          staffId: A,
          incomingLate: 1,
          outgoingOnTime: 1,
          countsWithDiscrepancies: 1,
          entriesLogged: 2,
          escalationsSent: 1,
        },
        // B: joined 18:00 on time, closed the desk (damaged item); resolved after 90 and 10 minutes.
        {
          ...ZERO,
          staffId: B,
          incomingOnTime: 1,
          closings: 1,
          countsWithDiscrepancies: 2,
          entriesLogged: 2,
          escalationsSent: 1,
          resolved: 2,
          medianResolveMinutes: 50,
        },
        // C: opened the desk, prepared the 09:00 handover late; the newest resolution (50 min) counts.
        { ...ZERO, staffId: C, outgoingLate: 1, openings: 1, entriesLogged: 1, resolved: 1, medianResolveMinutes: 50 },
      ].sort((x, y) => x.staffId.localeCompare(y.staffId)),
    );
  });

  it('puts a row in the month of the building’s zone (T1): 1 April 00:30 in Hong Kong is April, though 31 March in UTC', () => {
    expect(computePersonFigures(rows, '2025-04', TZ, LEADS)).toEqual([{ ...ZERO, staffId: A, entriesLogged: 1 }]);
    expect(monthBounds('2025-04', TZ)).toEqual({ fromMs: hk('2025-04-01T00:00'), toMs: hk('2025-05-01T00:00') });
  });

  it('refuses a malformed month', () => {
    expect(() => computePersonFigures(rows, '2025-13', TZ, LEADS)).toThrow(RangeError);
    expect(() => monthBounds('2025-3', TZ)).toThrow(RangeError);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([90, 10])).toBe(50);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('exports CSV in UTF-8 with a BOM, CRLF lines, Chinese names intact and quoted fields escaped', () => {
    const figures = computePersonFigures(rows, '2025-03', TZ, LEADS);
    const names: Record<string, string> = { [A]: '李嘉欣', [B]: '張偉明, "Tony"', [C]: '何翠儀' };
    const header = ['人員', ...PERSON_FIGURE_COLUMNS];
    const csv = personFiguresCsv(figures, header, (id) => names[id] ?? id);
    expect(csv.startsWith('\uFEFF人員,incomingOnTime,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe('李嘉欣,0,1,1,0,0,0,1,2,1,0,');
    expect(lines[2]).toBe('"張偉明, ""Tony""",1,0,0,0,0,1,2,2,1,2,50');
    expect(lines[4]).toBe('');
  });
});
