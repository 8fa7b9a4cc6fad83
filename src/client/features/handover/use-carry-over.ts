import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Item, Staff } from '../../../domain/entities';
import { mayFlagImportant } from '../../../domain/task-rules';
import { listStaff } from '../../db/queries';
import { carryOver, type CarryOver } from '../../db/queries/handover-queries';
import { listItems } from '../../db/queries/register-queries';
import { acknowledgeInstruction, setTaskImportant } from '../../db/repos/task-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useAction } from '../../ui/use-action';
import type { HandoverFlowState } from './use-handover-flow';

export interface CarryOverData {
  register: CarryOver | undefined;
  staff: Staff[] | undefined;
  nameOf(id: string): string | undefined;
  itemLabel(id: string): string | undefined;
  /** H7: who acknowledges: the person taking over, once the incoming person has joined; null before. */
  incomingId: string | null;
  /** H4: the signed-in person may set or clear "important" (a section chief or manager). */
  mayFlagImportant: boolean;
}

/** The carry-over register (H4, H5, H7, H9) of the handover on screen, live, with names and labels. */
export function useCarryOver(flow: HandoverFlowState): CarryOverData {
  const db = useDb();
  const { incomingId, nowMs } = flow;
  const handoverId = flow.handover.id;
  const register = useLiveQuery(
    () => carryOver(db, { handoverId, incomingStaffId: incomingId, nowMs }),
    [db, handoverId, incomingId, nowMs],
  );
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const items = useLiveQuery((): Promise<Item[]> => listItems(db, { includeInactive: true }), [db]);
  const me = staff?.find((s) => s.id === flow.staffId);
  return {
    register,
    staff,
    nameOf: (id) => staff?.find((s) => s.id === id)?.name,
    itemLabel: (id) => items?.find((i) => i.id === id)?.label,
    incomingId,
    mayFlagImportant: me !== undefined && me.active && mayFlagImportant(me.role),
  };
}

/**
 * The register's two actions: a section chief or manager flags a task important or clears it (H4:
 * important unfinished work blocks the handover), and the incoming person's read receipt of an
 * instruction (H7), written as them once they have joined.
 */
export function useCarryOverActions(flow: HandoverFlowState) {
  const db = useDb();
  const { staffId, incomingId } = flow;
  const handoverId = flow.handover.id;
  const important = useAction(
    useCallback(
      async (taskId: string, value: boolean) => {
        const res = await setTaskImportant(db, await makeWriteContext(db, staffId), taskId, value);
        if (!res.ok) throw new Error(res.errors);
      },
      [db, staffId],
    ),
  );
  const acknowledge = useAction(
    useCallback(
      async (taskId: string) => {
        if (incomingId === null) return;
        await acknowledgeInstruction(db, await makeWriteContext(db, incomingId), { taskId, handoverId });
      },
      [db, incomingId, handoverId],
    ),
  );
  return { important, acknowledge };
}
