import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/entities';
import type { Task } from '../../../src/domain/task-entities';
import { carriedTasks, isSuperior, validateTask } from '../../../src/domain/task-rules';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

function task(n: number, over: Partial<Task> = {}): Task {
  return {
    id: id(n),
    siteId: id(99),
    updatedAt: '001750000000000-0000-dev1',
    deleted: false,
    kind: 'unfinished',
    title: 'Replace lobby bulb',
    cause: 'Bulb flickering',
    process: '',
    result: '',
    important: false,
    status: 'open',
    createdBy: id(2),
    createdAt: 1_750_000_000_000 + n,
    dutyId: null,
    sourceTable: null,
    sourceId: null,
    itemId: null,
    closedBy: null,
    closedAt: null,
    ...over,
  };
}

describe('task rules (H4, H6, H7)', () => {
  it.each<[Role, boolean]>([
    ['desk', false],
    ['chief', true],
    ['manager', true],
    ['admin', true],
  ])('isSuperior(%s) = %s', (role, expected) => {
    expect(isSuperior(role)).toBe(expected);
  });

  it('a complete task is valid', () => {
    expect(validateTask(task(1), 'desk')).toEqual({});
  });

  it('H6: title and cause are required', () => {
    expect(validateTask(task(1, { title: ' ', cause: '' }), 'desk')).toEqual({ title: 'required', cause: 'required' });
  });

  it('H6: a done task states its result', () => {
    expect(validateTask(task(1, { status: 'done' }), 'desk')).toEqual({ result: 'required' });
    expect(validateTask(task(1, { status: 'done', result: 'Bulb replaced' }), 'desk')).toEqual({});
  });

  it('H7: an instruction is given by a superior only', () => {
    const instruction = task(1, { kind: 'instruction', title: 'Check fire doors hourly', cause: 'Audit' });
    expect(validateTask(instruction, 'desk')).toEqual({ kind: 'superiorOnly' });
    for (const role of ['chief', 'manager', 'admin'] as const) expect(validateTask(instruction, role)).toEqual({});
  });

  it('H4, H7: carriedTasks: open only, important first, then instructions, then newest', () => {
    const tasks = [
      task(1),
      task(2, { kind: 'instruction' }),
      task(3, { important: true }),
      task(4, { status: 'done', important: true }),
      task(5),
      task(6, { kind: 'instruction', important: true }),
      task(7, { status: 'withdrawn', kind: 'instruction' }),
      task(8, { deleted: true }),
    ];
    expect(carriedTasks(tasks).map((t) => t.id)).toEqual([id(6), id(3), id(2), id(5), id(1)]);
  });
});
