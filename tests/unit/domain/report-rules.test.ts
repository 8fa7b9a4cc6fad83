import { describe, expect, it } from 'vitest';
import { dailyReportRefusal, dailyReportRowRefusal } from '../../../src/domain/report-rules';
import { checkRowRules } from '../../../src/domain/row-rules';
import { A, B, hk, id, TZ } from './report-fixtures';

const report = (day: string, staffId = A, n = 1) => ({ id: id(700 + n), day, staffId });
const noLookup = () => undefined;

describe('O2: report-rules.ts', () => {
  it('refuses a report of a day not over yet (day_not_over), in the building’s zone', () => {
    const ctx = (now: string) => ({ nowMs: hk(now), timeZone: TZ, sameDay: [] });
    expect(dailyReportRefusal(report('2025-03-14'), ctx('2025-03-14T23:59'))).toMatchObject({
      code: 'day_not_over',
      issues: [{ path: 'day', code: 'day_not_over' }],
    });
    // Midnight in Hong Kong ends the day, though it is still 16:00 of the same date in UTC.
    expect(dailyReportRefusal(report('2025-03-14'), ctx('2025-03-15T00:00'))).toBeNull();
    expect(dailyReportRefusal(report('2025-03-16'), ctx('2025-03-15T12:00'))).toMatchObject({ code: 'day_not_over' });
  });

  it('refuses a second report of the same day by the same person, not by another person or of another day', () => {
    const sameDay = [report('2025-03-14', A, 1)];
    const ctx = { nowMs: hk('2025-03-16T09:00'), timeZone: TZ, sameDay };
    expect(dailyReportRefusal(report('2025-03-14', A, 2), ctx)).toMatchObject({
      code: 'rule_violation',
      issues: [{ path: 'day', code: 'alreadySubmitted' }],
    });
    expect(dailyReportRefusal(report('2025-03-14', B, 2), ctx)).toBeNull();
    expect(dailyReportRefusal(report('2025-03-15', A, 2), ctx)).toBeNull();
    // The same report arriving again is not a second report of itself.
    expect(dailyReportRefusal(report('2025-03-14', A, 1), ctx)).toBeNull();
  });

  it('refuses a malformed day', () => {
    expect(
      dailyReportRefusal(report('2025-02-30'), { nowMs: hk('2025-04-01T00:00'), timeZone: TZ, sameDay: [] }),
    ).toMatchObject({
      code: 'rule_violation',
    });
  });

  it('the actor is the staffId, and a submitted report is never changed (checkRowRules)', () => {
    const row = { ...report('2025-03-14', A), siteId: id(1) };
    expect(checkRowRules('dailyReport', null, row, { id: A, role: 'desk' }, noLookup)).toBeNull();
    expect(checkRowRules('dailyReport', null, row, { id: B, role: 'chief' }, noLookup)).toMatchObject({
      code: 'rule_violation',
      issues: [{ path: 'staffId', code: 'notActor' }],
    });
    expect(dailyReportRowRefusal(row, { ...row, remarks: 'changed' }, { id: A })).toMatchObject({
      code: 'rule_violation',
    });
  });
});
