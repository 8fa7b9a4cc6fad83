import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Role } from '../../../domain/entities';
import type { SwapRequest } from '../../../domain/rota-entities';
import type { SwapTransitionError } from '../../../domain/swap-rules';
import { rotaShiftsByIds } from '../../db/queries/lookups';
import { listSwaps } from '../../db/queries/rota-queries';
import { decideSwap } from '../../db/repos/rota-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';

export type SwapAction = 'confirm' | 'approve' | 'reject' | 'withdraw';

/**
 * The steps the signed-in person may take on a request (S1): a section chief confirms or rejects
 * what was requested; the property office manager approves or rejects what a chief confirmed; the
 * requester may withdraw it while it is pending. The repository checks the same again.
 */
export function actionsFor(swap: SwapRequest, actor: { id: string; role: Role }): SwapAction[] {
  const actions: SwapAction[] = [];
  if (swap.status === 'requested' && actor.role === 'chief') actions.push('confirm', 'reject');
  if (swap.status === 'confirmed' && actor.role === 'manager') actions.push('approve', 'reject');
  if ((swap.status === 'requested' || swap.status === 'confirmed') && swap.requesterId === actor.id) {
    actions.push('withdraw');
  }
  return actions;
}

/** Every swap and cover request, newest first, with the rota shifts they name, and the decisions. */
export function useSwapList(staffId: string, role: Role) {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const swaps = (await listSwaps(db)).sort((a, b) => b.requestedAt - a.requestedAt || b.id.localeCompare(a.id));
    // A request may name a shift outside the week shown, so its shifts are looked up by id.
    const shiftIds = swaps.flatMap((s) =>
      s.otherShiftId === null ? [s.rotaShiftId] : [s.rotaShiftId, s.otherShiftId],
    );
    return { swaps, shiftById: await rotaShiftsByIds(db, shiftIds) };
  }, [db]);
  const [refusals, setRefusals] = useState<Record<string, SwapTransitionError>>({});
  const [busyId, setBusyId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const decide = async (swapId: string, action: SwapAction) => {
    setBusyId(swapId);
    setFailure(null);
    try {
      const ctx = await makeWriteContext(db, staffId);
      const res = await decideSwap(db, ctx, { swapId, action, note: '' }, role);
      setRefusals(({ [swapId]: _cleared, ...rest }) => (res.ok ? rest : { ...rest, [swapId]: res.errors.action }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusyId(null);
    }
  };

  return {
    swaps: data?.swaps,
    shiftOf: (id: string | null) => (id === null ? undefined : data?.shiftById.get(id)),
    refusals,
    busyId,
    failure,
    decide,
  };
}

export type SwapListState = ReturnType<typeof useSwapList>;
