import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Item, LogAmendment, LogEntryFields } from '../../../src/domain/entities';
import { ItemMovement } from '../../../src/domain/item-entities';
import { validateMovement } from '../../../src/domain/loan-rules';
import { validateLogEntry } from '../../../src/domain/log-entry';
import { Task } from '../../../src/domain/task-entities';
import { validateTask } from '../../../src/domain/task-rules';
import { fieldMax, fieldMaxes, maxLengthOf, overLimit, textsOverLimit } from '../../../src/domain/text-limits';

const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);

const entry = (over: Partial<LogEntryFields> = {}): LogEntryFields => ({
  kind: 'enquiry',
  severity: 'routine',
  status: 'open',
  cause: 'Parcel for 12A',
  process: '',
  result: '',
  party: '',
  contact: '',
  location: '',
  occurredAt: NOW - 60_000,
  referredTo: '',
  operationEndedAt: null,
  backdateReason: '',
  channel: null,
  partyType: null,
  unit: '',
  assignedTo: '',
  completedAt: null,
  ...over,
});

describe('text limits read from the shared schemas (issue 7: one limit on the tablet and the server)', () => {
  it('reads the maximum of a string schema, through nullable, optional and default', () => {
    expect(maxLengthOf(LogEntryFields.shape.cause)).toBe(2000);
    expect(maxLengthOf(LogAmendment.shape.text)).toBe(4000);
    expect(maxLengthOf(z.string().max(40).nullable())).toBe(40);
    expect(maxLengthOf(z.string().max(7).optional())).toBe(7);
    expect(maxLengthOf(z.string().max(9).default(''))).toBe(9);
    expect(maxLengthOf(z.string())).toBeUndefined();
    expect(maxLengthOf(z.number().max(5))).toBeUndefined();
    expect(maxLengthOf(LogEntryFields.shape.kind)).toBeUndefined();
  });

  it("gives a form its fields' limits, and refuses to guess for a field without one", () => {
    expect(fieldMaxes(LogEntryFields, ['cause', 'process', 'party'])).toEqual({
      cause: 2000,
      process: 4000,
      party: 120,
    });
    expect(fieldMax(Task, 'title')).toBe(200);
    expect(fieldMax(Item, 'code')).toBe(40);
    expect(() => fieldMax(LogEntryFields, 'kind')).toThrow(/no maximum/);
  });

  it('the schema decides: a trimming schema counts the trimmed text, a plain one every character', () => {
    // Task.title is requiredText(200): trimmed before its maximum is checked.
    expect(overLimit(Task, { title: `${'x'.repeat(200)}   ` })).toEqual({});
    expect(overLimit(Task, { title: 'x'.repeat(201) })).toEqual({ title: 'tooLong' });
    expect(overLimit(LogEntryFields, { cause: 'x'.repeat(2000) })).toEqual({});
    expect(textsOverLimit(LogEntryFields.shape, { cause: 'x'.repeat(2805), kind: 'enquiry', occurredAt: 5 })).toEqual([
      { field: 'cause', max: 2000, length: 2805 },
    ]);
    // Fields the schema does not know are not its business.
    expect(overLimit(LogEntryFields, { somethingElse: 'x'.repeat(9000) })).toEqual({});
  });

  it('issue 7: validateLogEntry refuses a 2,805-character cause as tooLong, while a rule error wins on its own field', () => {
    expect(validateLogEntry(entry({ cause: 'x'.repeat(2805) }), { nowMs: NOW, dutyStartedAt: null })).toEqual({
      cause: 'tooLong',
    });
    expect(
      validateLogEntry(entry({ cause: 'x'.repeat(2000), location: 'y'.repeat(121) }), {
        nowMs: NOW,
        dutyStartedAt: null,
      }),
    ).toEqual({
      location: 'tooLong',
    });
    expect(
      validateLogEntry(entry({ cause: '', process: 'p'.repeat(4001) }), { nowMs: NOW, dutyStartedAt: null }),
    ).toEqual({
      cause: 'required',
      process: 'tooLong',
    });
  });

  it('issue 7: validateTask and validateMovement refuse texts over their schema limits', () => {
    const task = {
      kind: 'unfinished' as const,
      title: 'Lift',
      cause: 'c'.repeat(2001),
      result: '',
      status: 'open' as const,
    };
    expect(validateTask({ ...task, process: 'p'.repeat(4001) }, 'desk')).toEqual({
      cause: 'tooLong',
      process: 'tooLong',
    });
    const lend = {
      kind: 'lend' as const,
      quantity: 1,
      party: 'p'.repeat(121),
      partyKind: 'tenant' as const,
      fromParty: '',
      contact: '9123 4567',
      reason: 'r'.repeat(501),
      checkedHow: '',
      dueAt: NOW + 1,
      closesId: null,
      occurredAt: NOW,
    };
    expect(validateMovement(lend, { category: 'key', expectedQuantity: 1 })).toEqual({
      party: 'tooLong',
      reason: 'tooLong',
    });
    expect(fieldMax(ItemMovement, 'checkedHow')).toBe(200);
  });
});
