import { describe, expect, it } from 'vitest';
import type { LogEntryFields } from '../../../src/domain/entities';
import {
  hasErrors,
  needsEscalation,
  OCCURRED_AT_FUTURE_SLACK_MS,
  validateLogEntry,
} from '../../../src/domain/log-entry';

const NOW = 1_750_000_000_000;
const base: LogEntryFields = {
  kind: 'enquiry',
  severity: 'routine',
  status: 'open',
  cause: 'Visitor asked for 12F',
  process: '',
  result: '',
  party: '',
  contact: '',
  location: '',
  occurredAt: NOW,
};

describe('log entry rules (H6)', () => {
  it('accepts a routine open entry with only a cause', () => {
    expect(validateLogEntry(base, NOW)).toEqual({});
    expect(hasErrors(validateLogEntry(base, NOW))).toBe(false);
  });

  it('H6: requires a cause (whitespace does not count)', () => {
    expect(validateLogEntry({ ...base, cause: '   ' }, NOW)).toEqual({ cause: 'required' });
  });

  it('H6: a major or emergency matter states what was done', () => {
    expect(validateLogEntry({ ...base, severity: 'major' }, NOW)).toEqual({ process: 'required' });
    expect(validateLogEntry({ ...base, severity: 'major', process: 'Called engineering' }, NOW)).toEqual({});
  });

  it('H6: a resolved matter states process and result', () => {
    expect(validateLogEntry({ ...base, status: 'resolved' }, NOW)).toEqual({ process: 'required', result: 'required' });
    expect(validateLogEntry({ ...base, status: 'resolved', process: 'Directed', result: 'Found it' }, NOW)).toEqual({});
  });

  it('D2/H11(a): an emergency is never filed as routine', () => {
    const errors = validateLogEntry({ ...base, kind: 'emergency', severity: 'routine', process: 'x' }, NOW);
    expect(errors).toEqual({ severity: 'emergencySeverity' });
  });

  it('T1: occurred-at may not be in the future beyond the typing slack', () => {
    expect(validateLogEntry({ ...base, occurredAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS }, NOW)).toEqual({});
    expect(validateLogEntry({ ...base, occurredAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS + 1 }, NOW)).toEqual({
      occurredAt: 'inFuture',
    });
  });

  it('D3: major and emergency matters need escalation', () => {
    expect(needsEscalation({ severity: 'routine' })).toBe(false);
    expect(needsEscalation({ severity: 'major' })).toBe(true);
    expect(needsEscalation({ severity: 'emergency' })).toBe(true);
  });
});
