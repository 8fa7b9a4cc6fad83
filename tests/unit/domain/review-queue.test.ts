import { describe, expect, it } from 'vitest';
import { isReviewOverdue, isWorkingDay, reviewQueue, workingDaysBetween } from '../../../src/domain/review-queue';

// 2026-01-12 is a Monday.
describe('O1: a day left unreviewed for more than one working day is flagged', () => {
  it('working days are Monday to Friday', () => {
    expect(['2026-01-12', '2026-01-16'].map(isWorkingDay)).toEqual([true, true]);
    expect(['2026-01-17', '2026-01-18'].map(isWorkingDay)).toEqual([false, false]);
  });

  it("Monday's records are due on Tuesday and flagged from Wednesday", () => {
    expect(isReviewOverdue('2026-01-12', '2026-01-13')).toBe(false);
    expect(isReviewOverdue('2026-01-12', '2026-01-14')).toBe(true);
  });

  it("Friday's records are due on Monday and flagged from Tuesday; the weekend does not count", () => {
    expect(workingDaysBetween('2026-01-16', '2026-01-19')).toBe(0);
    expect(isReviewOverdue('2026-01-16', '2026-01-19')).toBe(false);
    expect(isReviewOverdue('2026-01-16', '2026-01-20')).toBe(true);
    expect(isReviewOverdue('2026-01-17', '2026-01-19')).toBe(false);
    expect(isReviewOverdue('2026-01-17', '2026-01-20')).toBe(true);
  });

  it('the queue lists active days newest first, reviewed ones unflagged, today as current', () => {
    const queue = reviewQueue(
      ['2026-01-12', '2026-01-14', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16'],
      new Set(['2026-01-13']),
      '2026-01-15',
    );
    expect(queue).toEqual([
      { day: '2026-01-15', reviewed: false, current: true, overdue: false },
      { day: '2026-01-14', reviewed: false, current: false, overdue: false },
      { day: '2026-01-13', reviewed: true, current: false, overdue: false },
      { day: '2026-01-12', reviewed: false, current: false, overdue: true },
    ]);
  });
});
