import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Item, Staff } from '../../../domain/entities';
import { listStaff } from '../../db/queries';
import { carryOver, type CarryOver } from '../../db/queries/handover-queries';
import { listItems } from '../../db/queries/register-queries';
import { acknowledgeInstruction, setTaskImportant } from '../../db/repos/task-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useAction } from '../../ui/use-action';
import { effectiveIncoming } from './steps';
import type { HandoverFlowState } from './use-handover-flow';

export interface CarryOverData {
  register: CarryOver | undefined;
  staff: Staff[] | undefined;
  nameOf(id: string): string | undefined;
  itemLabel(id: string): string | undefined;
  /** Who takes over (H11(d): the substitute when the incoming person is not fit); null until chosen. */
  incomingId: string | null;
}

/** The carry-over register (H4, H5, H7, H9) of the handover on screen, live, with names and labels. */
export function useCarryOver(flow: HandoverFlowState): CarryOverData {
  const db = useDb();
  const incomingId = effectiveIncoming(flow.handover);
  const handoverId = flow.handover.id;
  const { nowMs } = flow;
  const register = useLiveQuery(
    () => carryOver(db, { handoverId, incomingStaffId: incomingId, nowMs }),
    [db, handoverId, incomingId, nowMs],
  );
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const items = useLiveQuery((): Promise<Item[]> => listItems(db, { includeInactive: true }), [db]);
  return {
    register,
    staff,
    nameOf: (id) => staff?.find((s) => s.id === id)?.name,
    itemLabel: (id) => items?.find((i) => i.id === id)?.label,
    incomingId,
  };
}

/**
 * The register's two actions: flag a task important (H4: important unfinished work blocks the
 * handover) and the incoming person's read receipt of an instruction (H7), written as them.
 */
export function useCarryOverActions(flow: HandoverFlowState, incomingId: string | null) {
  const db = useDb();
  const { staffId } = flow;
  const handoverId = flow.handover.id;
  const important = useAction(
    useCallback(
      async (taskId: string, value: boolean) => {
        await setTaskImportant(db, await makeWriteContext(db, staffId), taskId, value);
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
