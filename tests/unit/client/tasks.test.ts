import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/domain/ids';
import type { Role } from '../../../src/domain/entities';
import type { TaskKind } from '../../../src/domain/task-entities';
import {
  acknowledgementsFor,
  hasAcknowledged,
  listTasks,
  openTasksCarried,
  taskNotes,
} from '../../../src/client/db/queries/task-queries';
import {
  acknowledgeInstruction,
  addTaskNote,
  closeTask,
  createTask,
  setTaskImportant,
} from '../../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import type { WriteContext } from '../../../src/client/db/repos/write-context';
import { enrolledDb, T0, typedPin } from './helpers';

/** A person of the building as pulled (the task repository reads the actor's role from here). */
async function putPerson(db: HandoverDb, siteId: string, id: string, role: Role) {
  const pinHash = {
    alg: 'PBKDF2-SHA256' as const,
    iterations: 1000,
    salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
    hash: 'a'.repeat(44),
  };
  typedPin(id);
  await db.staff.put({
    id,
    siteId,
    name: `Person ${role}`,
    role,
    pinHash,
    active: true,
    updatedAt: '0',
    deleted: false,
    _versions: {},
  });
}

async function setup() {
  const e = await enrolledDb();
  let clock = T0;
  const tick = () => (clock += 1000);
  const ctx = await makeWriteContext(e.db, e.staffId, () => clock);
  return { ...e, ctx, tick };
}

const work = {
  kind: 'unfinished' as TaskKind,
  title: 'Lift 2 noise',
  cause: 'Tenant reported a grinding noise',
  process: '',
  important: false,
  dutyId: null,
};

async function task(
  db: HandoverDb,
  ctx: WriteContext,
  over: Partial<typeof work> = {},
  role: 'desk' | 'chief' = 'desk',
) {
  const r = await createTask(db, ctx, { ...work, ...over }, role);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('carry-over register: tasks (H4, H6, H7)', () => {
  it('H6: a task states its cause; H7: only superiors give instructions; nothing written when refused', async () => {
    const { db, ctx } = await setup();
    expect(await createTask(db, ctx, { ...work, title: ' ', cause: '' }, 'desk')).toEqual({
      ok: false,
      errors: { title: 'required', cause: 'required' },
    });
    expect(await createTask(db, ctx, { ...work, kind: 'instruction' }, 'desk')).toEqual({
      ok: false,
      errors: { kind: 'superiorOnly' },
    });
    expect(await db.task.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const t = await task(db, ctx, { kind: 'instruction', title: 'Check fire doors hourly' }, 'chief');
    expect(t).toMatchObject({ status: 'open', createdBy: ctx.actorStaffId, createdAt: T0, result: '', closedAt: null });
    expect((await db.outbox.toArray()).map((o) => [o.table, o.kind, o.rowId])).toEqual([['task', 'put', t.id]]);
  });

  it('H6: done needs a result; H7: a desk person cannot close an instruction, a superior withdraws it', async () => {
    const { db, ctx, tick } = await setup();
    const t = await task(db, ctx);
    expect(await closeTask(db, ctx, { taskId: t.id, status: 'done', result: ' ' }, 'desk')).toEqual({
      ok: false,
      errors: { result: 'required' },
    });
    expect(await closeTask(db, ctx, { taskId: t.id, status: 'withdrawn', result: '' }, 'desk')).toEqual({
      ok: false,
      errors: { kind: 'superiorOnly' },
    });
    // Other work is not withdrawn, even by a superior: it ends done, with its result.
    expect(await closeTask(db, ctx, { taskId: t.id, status: 'withdrawn', result: '' }, 'chief')).toEqual({
      ok: false,
      errors: { result: 'required' },
    });
    expect(await db.outbox.count()).toBe(1);
    tick();
    const done = await closeTask(db, ctx, { taskId: t.id, status: 'done', result: 'Lift company fixed it' }, 'desk');
    expect(done.ok && done.value).toMatchObject({
      status: 'done',
      result: 'Lift company fixed it',
      closedBy: ctx.actorStaffId,
      closedAt: T0 + 1000,
    });
    // Closing again changes nothing.
    const again = await closeTask(db, ctx, { taskId: t.id, status: 'done', result: 'other' }, 'desk');
    expect(again.ok && again.value.result).toBe('Lift company fixed it');
    expect((await db.outbox.toArray()).map((o) => o.kind)).toEqual(['put', 'patch']);

    const order = await task(db, ctx, { kind: 'instruction', title: 'No parcels after 20:00' }, 'chief');
    expect(await closeTask(db, ctx, { taskId: order.id, status: 'done', result: 'ok' }, 'desk')).toEqual({
      ok: false,
      errors: { kind: 'superiorOnly' },
    });
    const withdrawn = await closeTask(db, ctx, { taskId: order.id, status: 'withdrawn', result: '' }, 'chief');
    expect(withdrawn.ok && withdrawn.value.status).toBe('withdrawn');
  });

  it('carries open work important first, then instructions, then newest; the flag is a patch', async () => {
    const { db, ctx, tick } = await setup();
    const a = await task(db, ctx, { title: 'a' });
    tick();
    const b = await task(db, ctx, { title: 'b' });
    tick();
    const order = await task(db, ctx, { kind: 'instruction', title: 'order' }, 'chief');
    tick();
    const closed = await task(db, ctx, { title: 'closed' });
    await closeTask(db, ctx, { taskId: closed.id, status: 'done', result: 'done' }, 'desk');
    await putPerson(db, ctx.siteId, ctx.actorStaffId, 'chief');
    expect(await setTaskImportant(db, ctx, a.id, true)).toEqual({ ok: true, value: undefined });
    expect((await openTasksCarried(db)).map((t) => t.title)).toEqual(['a', 'order', 'b']);
    expect((await listTasks(db)).map((t) => t.title)).toEqual(['closed', 'order', 'b', 'a']);
    expect((await listTasks(db, { status: 'open', kind: 'unfinished' })).map((t) => t.id)).toEqual([b.id, a.id]);
    expect((await listTasks(db, { kind: 'instruction' })).map((t) => t.id)).toEqual([order.id]);
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({
      table: 'task',
      kind: 'patch',
      fields: { important: true },
    });
  });

  it('H4: only a section chief or manager sets or clears "important"; a desk person is refused, nothing written', async () => {
    const { db, ctx } = await setup();
    const deskId = newId();
    await putPerson(db, ctx.siteId, deskId, 'desk');
    const desk = await makeWriteContext(db, deskId, () => T0);
    expect(await createTask(db, desk, { ...work, important: true }, 'desk')).toEqual({
      ok: false,
      errors: { important: 'superiorOnly' },
    });
    const t = await task(db, desk);
    await putPerson(db, ctx.siteId, ctx.actorStaffId, 'manager');
    const before = await db.outbox.count();
    expect(await setTaskImportant(db, desk, t.id, true)).toEqual({ ok: false, errors: 'superiorOnly' });
    expect(await db.outbox.count()).toBe(before);
    expect(await setTaskImportant(db, ctx, t.id, true)).toEqual({ ok: true, value: undefined });
    expect(await setTaskImportant(db, desk, t.id, false)).toEqual({ ok: false, errors: 'superiorOnly' });
    expect((await db.task.get(t.id))?.important).toBe(true);
    expect((await createTask(db, ctx, { ...work, important: true }, 'manager')).ok).toBe(true);
  });

  it('appends progress notes, oldest first; an empty note is refused', async () => {
    const { db, ctx, tick } = await setup();
    const t = await task(db, ctx);
    expect(await addTaskNote(db, ctx, { taskId: t.id, text: '  ' })).toEqual({
      ok: false,
      errors: { text: 'required' },
    });
    await addTaskNote(db, ctx, { taskId: t.id, text: 'Called the lift company' });
    tick();
    await addTaskNote(db, ctx, { taskId: t.id, text: 'Technician booked for 15:00' });
    expect((await taskNotes(db, t.id)).map((n) => n.text)).toEqual([
      'Called the lift company',
      'Technician booked for 15:00',
    ]);
    expect((await db.outbox.toArray()).filter((o) => o.table === 'taskNote').map((o) => o.kind)).toEqual([
      'append',
      'append',
    ]);
  });

  it('H7: acknowledging an instruction is idempotent per task and person', async () => {
    const { db, ctx, tick } = await setup();
    const order = await task(db, ctx, { kind: 'instruction', title: 'Visitors sign in' }, 'chief');
    // Outside a handover (the tasks screen); at a handover only the person taking over gives it (handover-repo.test).
    const first = await acknowledgeInstruction(db, ctx, { taskId: order.id, handoverId: null });
    tick();
    const second = await acknowledgeInstruction(db, ctx, { taskId: order.id, handoverId: null });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ taskId: order.id, staffId: ctx.actorStaffId, handoverId: null, recordedAt: T0 });
    expect(await acknowledgementsFor(db, order.id)).toHaveLength(1);
    expect((await db.outbox.toArray()).filter((o) => o.table === 'acknowledgement')).toHaveLength(1);
    expect(await hasAcknowledged(db, order.id, ctx.actorStaffId)).toBe(true);

    const otherId = newId();
    typedPin(otherId);
    const other = await makeWriteContext(db, otherId, () => T0 + 5000);
    await acknowledgeInstruction(db, other, { taskId: order.id, handoverId: null });
    expect((await acknowledgementsFor(db, order.id)).map((a) => a.staffId)).toEqual([
      ctx.actorStaffId,
      other.actorStaffId,
    ]);
    expect(await hasAcknowledged(db, order.id, newId())).toBe(false);
  });
});
