import { describe, expect, it } from 'vitest';
import { TooLongError } from '../../../src/client/db/errors';
import { startDuty } from './duty-fixture';
import { amendLogEntry, createLogEntry } from '../../../src/client/db/repos/log-repo';
import { addTaskNote, createTask } from '../../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { insertRow, patchRow, runWrite } from '../../../src/client/db/write';
import { enrolledDb, fields, T0 } from './helpers';

async function setup() {
  const e = await enrolledDb();
  const ctx = await makeWriteContext(e.db, e.staffId, () => T0);
  const duty = await startDuty(e.db, ctx, { shiftId: 'day' });
  return { ...e, ctx, duty, outboxBefore: await e.db.outbox.count() };
}

describe('nothing the server would refuse is queued (issue 7: same limits on the tablet as on the server)', () => {
  it('a 2,805-character cause is refused as tooLong by the repository: no entry, no op', async () => {
    const { db, ctx, duty, outboxBefore } = await setup();
    const r = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields({ cause: 'x'.repeat(2805) }) });
    expect(r).toEqual({ ok: false, errors: { cause: 'tooLong' } });
    expect(await db.logEntry.count()).toBe(0);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('amendments, task notes and tasks are refused over their limits, field by field', async () => {
    const { db, ctx, duty, outboxBefore } = await setup();
    const entry = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    if (!entry.ok) throw new Error('the entry was refused');
    const amended = await amendLogEntry(db, ctx, {
      entryId: entry.value.id,
      text: 't'.repeat(4001),
      statusChange: 'resolved',
      result: 'r'.repeat(2001),
    });
    expect(amended).toEqual({ ok: false, errors: { text: 'tooLong', result: 'tooLong' } });
    const task = await createTask(
      db,
      ctx,
      { kind: 'unfinished', title: 'T'.repeat(201), cause: 'Lift', process: '', important: false, dutyId: null },
      'desk',
    );
    expect(task).toEqual({ ok: false, errors: { title: 'tooLong' } });
    expect(await db.task.count()).toBe(0);
    const saved = await createTask(
      db,
      ctx,
      { kind: 'unfinished', title: 'Lift 3', cause: 'Door slow', process: '', important: false, dutyId: null },
      'desk',
    );
    if (!saved.ok) throw new Error('the task was refused');
    await expect(addTaskNote(db, ctx, { taskId: saved.value.id, text: 'n'.repeat(4001) })).resolves.toEqual({
      ok: false,
      errors: { text: 'tooLong' },
    });
    expect(await db.taskNote.count()).toBe(0);
    // Only the valid entry and task reached the outbox.
    expect(await db.outbox.count()).toBe(outboxBefore + 2);
  });

  it('the one write path refuses any over-long text with TooLongError and rolls the whole write back', async () => {
    const { db, ctx, duty, outboxBefore } = await setup();
    const entry = await createLogEntry(db, ctx, { dutyId: duty.id, fields: fields() });
    if (!entry.ok) throw new Error('the entry was refused');
    const patch = runWrite(db, [db.logEntry], () =>
      patchRow(db, ctx, 'logEntry', entry.value.id, { process: 'p'.repeat(4001) }),
    );
    await expect(patch).rejects.toBeInstanceOf(TooLongError);
    await expect(patch).rejects.toMatchObject({ table: 'logEntry', field: 'process', max: 4000, length: 4001 });
    const insert = runWrite(db, [db.item], () =>
      insertRow(db, ctx, 'item', 'put', {
        id: crypto.randomUUID(),
        siteId: ctx.siteId,
        category: 'key',
        label: 'L'.repeat(121),
        code: 'K-1',
        expectedQuantity: 1,
        location: '',
        active: true,
      }),
    );
    await expect(insert).rejects.toMatchObject({ field: 'label', max: 120, length: 121 });
    expect((await db.logEntry.get(entry.value.id))?.process).toBe('');
    expect(await db.item.count()).toBe(0);
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
  });
});
