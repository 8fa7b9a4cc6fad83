import { describe, expect, it } from 'vitest';
import {
  STAMPED_TIME_FIELDS,
  clockOffsetAt,
  clockWentBackwards,
  estimateOpTime,
  skewedStamps,
} from '../../../src/domain/clock-review';
import { ENTITY_SCHEMAS } from '../../../src/domain/entities';
import { CLOCK_SKEW_WARN_MS, WRITABLE_TABLES } from '../../../src/domain/sync-protocol';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

describe('T1: the stamped time fields of each table', () => {
  it('every writable table is listed, and every listed field is a time field of its entity', () => {
    expect(Object.keys(STAMPED_TIME_FIELDS).sort()).toEqual([...WRITABLE_TABLES].sort());
    for (const table of WRITABLE_TABLES) {
      for (const field of STAMPED_TIME_FIELDS[table] as readonly string[]) {
        expect(Object.keys(ENTITY_SCHEMAS[table].shape), `${table}.${field}`).toContain(field);
      }
    }
  });

  it('times a person types or picks are not stamps (occurredAt, dueAt, operationEndedAt)', () => {
    expect(STAMPED_TIME_FIELDS.logEntry).toEqual(['recordedAt']);
    expect(STAMPED_TIME_FIELDS.itemMovement).toEqual(['recordedAt']);
  });
});

describe('T1: the server estimate of when an op was made', () => {
  it('corrects the device time by the offset learned at the push', () => {
    const offset = clockOffsetAt(NOW, NOW - 3 * DAY);
    expect(offset).toBe(3 * DAY);
    expect(estimateOpTime(NOW - 3 * DAY - 60_000, offset)).toBe(NOW - 60_000);
    expect(estimateOpTime(NOW, null)).toBeNull();
  });
});

describe('T1: skewedStamps', () => {
  const estimate = { expectedAt: NOW, receivedAt: NOW + 5_000 };

  it('flags a stamp more than 2 minutes off the estimate either way, with what was expected', () => {
    expect(skewedStamps('logEntry', { recordedAt: NOW + CLOCK_SKEW_WARN_MS }, estimate)).toEqual([]);
    expect(skewedStamps('logEntry', { recordedAt: NOW - CLOCK_SKEW_WARN_MS }, estimate)).toEqual([]);
    expect(skewedStamps('logEntry', { recordedAt: NOW - 3 * DAY }, estimate)).toEqual([
      { field: 'recordedAt', stampedAt: NOW - 3 * DAY, expectedAt: NOW },
    ]);
    expect(skewedStamps('logEntry', { recordedAt: NOW + CLOCK_SKEW_WARN_MS + 1 }, estimate)).toHaveLength(1);
  });

  it('judges only the stamps the op carries, and no other time field', () => {
    expect(skewedStamps('logEntry', { occurredAt: NOW - 3 * DAY }, estimate)).toEqual([]);
    expect(skewedStamps('task', { closedAt: null, createdAt: NOW }, estimate)).toEqual([]);
    expect(
      skewedStamps('swapRequest', { confirmedAt: NOW - DAY, approvedAt: NOW - DAY }, estimate).map((s) => s.field),
    ).toEqual(['confirmedAt', 'approvedAt']);
  });

  it('without an estimate, only a stamp later than the receipt time is certainly wrong', () => {
    const unknown = { expectedAt: null, receivedAt: NOW };
    expect(skewedStamps('countLine', { recordedAt: NOW - 3 * DAY }, unknown)).toEqual([]);
    expect(skewedStamps('countLine', { recordedAt: NOW + CLOCK_SKEW_WARN_MS }, unknown)).toEqual([]);
    expect(skewedStamps('countLine', { recordedAt: NOW + DAY }, unknown)).toEqual([
      { field: 'recordedAt', stampedAt: NOW + DAY, expectedAt: null },
    ]);
  });
});

describe('T1: a clock going backwards', () => {
  it('is an op made earlier, by its own clock, than the previous op of the device', () => {
    expect(clockWentBackwards(NOW - 1, NOW)).toBe(true);
    expect(clockWentBackwards(NOW, NOW)).toBe(false);
    expect(clockWentBackwards(NOW - DAY, null)).toBe(false);
  });
});
