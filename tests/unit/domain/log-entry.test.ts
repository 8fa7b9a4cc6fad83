import { describe, expect, it } from 'vitest';
import type { LogEntryFields } from '../../../src/domain/entities';
import { hasErrors, OCCURRED_AT_FUTURE_SLACK_MS, validateLogEntry } from '../../../src/domain/log-entry';

const NOW = 1_750_000_000_000;
/** The duty began an hour ago. */
const START = NOW - 3_600_000;
const ctx = { nowMs: NOW, dutyStartedAt: START };
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
  referredTo: '',
  operationEndedAt: null,
  backdateReason: '',
  channel: null,
  partyType: null,
  unit: '',
  assignedTo: '',
  completedAt: null,
};

describe('log entry rules (H6)', () => {
  it('accepts a routine open entry with only a cause', () => {
    expect(validateLogEntry(base, ctx)).toEqual({});
    expect(hasErrors(validateLogEntry(base, ctx))).toBe(false);
  });

  it('H6: requires a cause (whitespace does not count)', () => {
    expect(validateLogEntry({ ...base, cause: '   ' }, ctx)).toEqual({ cause: 'required' });
    expect(hasErrors(validateLogEntry({ ...base, cause: '   ' }, ctx))).toBe(true);
  });

  it('H6: a major or emergency matter states what was done', () => {
    expect(validateLogEntry({ ...base, severity: 'major' }, ctx)).toEqual({ process: 'required' });
    expect(validateLogEntry({ ...base, severity: 'major', process: 'Called engineering' }, ctx)).toEqual({});
  });

  it('H6: a resolved matter states process and result', () => {
    expect(validateLogEntry({ ...base, status: 'resolved' }, ctx)).toEqual({ process: 'required', result: 'required' });
    expect(validateLogEntry({ ...base, status: 'resolved', process: 'Directed', result: 'Found it' }, ctx)).toEqual({});
  });

  it('D2/H11(a): an emergency is never filed as routine', () => {
    const errors = validateLogEntry({ ...base, kind: 'emergency', severity: 'routine', process: 'x' }, ctx);
    expect(errors).toEqual({ severity: 'emergencySeverity' });
  });

  it('T1: occurred-at may not be in the future beyond the typing slack', () => {
    expect(validateLogEntry({ ...base, occurredAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS }, ctx)).toEqual({});
    expect(validateLogEntry({ ...base, occurredAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS + 1 }, ctx)).toEqual({
      occurredAt: 'inFuture',
    });
  });
});

describe('T1: an occurred-at earlier than the duty start states its reason', () => {
  it('T1: before the start without a reason is refused; with one (not only spaces) it is accepted', () => {
    const early = { ...base, occurredAt: START - 1 };
    expect(validateLogEntry(early, ctx)).toEqual({ backdateReason: 'required' });
    expect(validateLogEntry({ ...early, backdateReason: '  ' }, ctx)).toEqual({ backdateReason: 'required' });
    expect(validateLogEntry({ ...early, backdateReason: 'Told by the guard at the change' }, ctx)).toEqual({});
  });

  it('T1: at the start needs no reason, nor does any time when the duty start is unknown', () => {
    expect(validateLogEntry({ ...base, occurredAt: START }, ctx)).toEqual({});
    expect(validateLogEntry({ ...base, occurredAt: START - 86_400_000 }, { nowMs: NOW, dutyStartedAt: null })).toEqual(
      {},
    );
  });
});

describe('H4, H11(a): a referred matter', () => {
  const referred: LogEntryFields = {
    ...base,
    kind: 'repair',
    severity: 'major',
    status: 'referred',
    process: 'Parts ordered',
  };

  it('H4: names the department it went to and what was done', () => {
    expect(validateLogEntry(referred, ctx)).toEqual({ referredTo: 'required' });
    expect(validateLogEntry({ ...referred, referredTo: 'Engineering', process: '' }, ctx)).toEqual({
      process: 'required',
    });
    expect(validateLogEntry({ ...referred, referredTo: 'Engineering' }, ctx)).toEqual({});
  });

  it('H11(a): an emergency cannot be referred, by kind or by severity', () => {
    const named = { ...referred, referredTo: 'Fire services' };
    expect(validateLogEntry({ ...named, kind: 'emergency', severity: 'emergency' }, ctx)).toEqual({
      status: 'emergencyNotReferable',
    });
    expect(validateLogEntry({ ...named, severity: 'emergency' }, ctx)).toEqual({ status: 'emergencyNotReferable' });
  });
});

describe('H11(b): an equipment operation has a start and an end', () => {
  const op: LogEntryFields = { ...base, kind: 'equipmentOp', occurredAt: NOW - 600_000 };

  it('H11(b): the end is after the start and not in the future', () => {
    expect(validateLogEntry({ ...op, operationEndedAt: NOW }, ctx)).toEqual({});
    expect(validateLogEntry({ ...op, operationEndedAt: op.occurredAt - 1 }, ctx)).toEqual({
      operationEndedAt: 'beforeStart',
    });
    expect(validateLogEntry({ ...op, operationEndedAt: NOW + OCCURRED_AT_FUTURE_SLACK_MS + 1 }, ctx)).toEqual({
      operationEndedAt: 'inFuture',
    });
  });

  it('H11(b): only an equipment operation has an end', () => {
    expect(validateLogEntry({ ...base, operationEndedAt: NOW }, ctx)).toEqual({ operationEndedAt: 'notEquipment' });
  });

  it('H11(b): an equipment operation is closed only once its end is recorded', () => {
    const resolved = { ...op, status: 'resolved' as const, process: 'Pump restarted', result: 'Running' };
    expect(validateLogEntry(resolved, ctx)).toEqual({ operationEndedAt: 'required' });
    expect(validateLogEntry({ ...resolved, operationEndedAt: NOW }, ctx)).toEqual({});
    expect(validateLogEntry(op, ctx)).toEqual({});
  });
});
