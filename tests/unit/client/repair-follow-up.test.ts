import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../../src/client/db/errors';
import { assertEntryPatchAllowed, ENTRY_FOLLOW_UP_FIELDS } from '../../../src/client/db/repos/handover-locks';
import { recordRepairProgress } from '../../../src/client/db/repos/repair-repo';
import { signHandover } from '../../../src/client/db/repos/sign-repo';
import { building, logEntry, preparedHandover, signInput } from './handover-fixtures';

describe('H3, F2: a repair of a signed duty keeps its progress open on the tablet', () => {
  it('H3, F2: assignee and completion time are follow-up fields; the content of the entry stays locked', async () => {
    const b = await building();
    const entry = await logEntry(b.db, b.ctx, b.duty.id, { kind: 'repair', cause: '12樓男洗手間水龍頭漏水' });
    const h = await preparedHandover(b);
    const signed = await signHandover(b.db, b.ctx, signInput(b, h.id));
    if (!signed.ok) throw new Error(signed.errors);

    expect([...ENTRY_FOLLOW_UP_FIELDS]).toEqual(
      expect.arrayContaining(['status', 'result', 'referredTo', 'operationEndedAt', 'assignedTo', 'completedAt']),
    );
    const completedAt = b.ctx.now();
    const res = await recordRepairProgress(b.db, b.ctx, { entryId: entry.id, assignedTo: '工程部', completedAt });
    expect(res.ok).toBe(true);
    expect(await b.db.logEntry.get(entry.id)).toMatchObject({ assignedTo: '工程部', completedAt });
    const queued = (await b.db.outbox.toArray()).filter((o) => o.rowId === entry.id && o.kind === 'patch');
    expect(queued.map((o) => Object.keys(o.fields).sort())).toEqual([['assignedTo', 'completedAt']]);

    await expect(assertEntryPatchAllowed(b.db, b.duty.id, ['location'])).rejects.toBeInstanceOf(LockedError);
  });
});
