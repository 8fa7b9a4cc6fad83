import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import type { CountLine, CountState } from '../../../domain/handover-entities';
import { LockedError, RowNotFoundError } from '../../db/errors';
import { countView, type CountItemView, type CountView } from '../../db/queries/handover-queries';
import { custodyHeldNow, itemByCode } from '../../db/queries/register-queries';
import { markAllPresent, recordCountTap, type CountTapErrors } from '../../db/repos/count-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { makeWriteContext, type WriteContext } from '../../db/repos/write-context';
import type { Result } from '../../db/result';
import { useDb } from '../../ui/db-context';
import { useCorrectedNow } from '../../ui/use-now';

export interface TapInput {
  itemId: string;
  state: CountState;
  quantity: number;
  explanation: string;
  photo?: PreparedPhoto;
}

/** What a scanned (or typed) code did. */
export type ScanOutcome =
  | { kind: 'marked' | 'already' | 'lent' | 'notInCount'; label: string }
  | { kind: 'unknown'; code: string }
  | { kind: 'refused' };

export interface CountData {
  view: CountView;
  /** Custody items held: whose property each is (H8). */
  custodyParty: ReadonlyMap<string, string>;
  /** The server-corrected now (T1) the view was computed at. */
  nowMs: number;
}

const allItems = (view: CountView): CountItemView[] => view.groups.flatMap((g) => g.items);

/** Already present in full: another tap would add a line that says nothing new. */
const isFullyPresent = (v: CountItemView) => v.line?.state === 'present' && v.line.quantity === v.expectedAtDesk;

/**
 * The count of one handover (H8, C.2.1(1)), live from IndexedDB, and its taps. Every tap is written
 * (with its outbox op) before the screen changes: the screen shows what the database holds, so a
 * reload shows exactly the same count. A signed handover refuses taps (LockedError, H3); that is
 * kept in `lockedRefusal` and nothing changes.
 */
export function useCount(handoverId: string, staffId: string) {
  const db = useDb();
  // T1: loans fall overdue by server-corrected time; a minute's resolution is enough for that.
  const nowMs = useCorrectedNow(60_000);
  // null: the handover is not on this tablet; undefined while it (or the clock offset) loads.
  const data = useLiveQuery(async (): Promise<CountData | null | undefined> => {
    if (nowMs === undefined) return undefined;
    try {
      const [view, custody] = await Promise.all([countView(db, handoverId, nowMs), custodyHeldNow(db)]);
      return { view, custodyParty: new Map(custody.map((c) => [c.item.id, c.movement.party])), nowMs };
    } catch (e) {
      if (e instanceof RowNotFoundError) return null;
      throw e;
    }
  }, [db, handoverId, nowMs]);
  const [lockedRefusal, setLockedRefusal] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  /** Runs one write; a refusal or failure is kept for the screen, never thrown at a button. */
  const write = useCallback(
    async <T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T | undefined> => {
      setFailure(null);
      try {
        return await fn(await makeWriteContext(db, staffId));
      } catch (e) {
        if (e instanceof LockedError) setLockedRefusal(true);
        else setFailure(e);
        return undefined;
      }
    },
    [db, staffId],
  );

  const tap = useCallback(
    (input: TapInput): Promise<Result<CountLine, CountTapErrors> | undefined> =>
      write((ctx) => recordCountTap(db, ctx, { handoverId, ...input })),
    [db, handoverId, write],
  );

  /** One tap on the tile: present, with as many as are expected at the desk. */
  const markPresent = useCallback(
    async (v: CountItemView): Promise<void> => {
      if (isFullyPresent(v)) return;
      await tap({ itemId: v.item.id, state: 'present', quantity: v.expectedAtDesk, explanation: '' });
    },
    [tap],
  );

  /** "All present" for a group: the items not counted yet and not accounted for by loans. */
  const markGroup = useCallback(
    async (items: CountItemView[]): Promise<void> => {
      const itemIds = items.filter((v) => !v.line && !v.accountedWithoutTap).map((v) => v.item.id);
      if (itemIds.length === 0) return;
      await write((ctx) => markAllPresent(db, ctx, { handoverId, itemIds }));
    },
    [db, handoverId, write],
  );

  /** A code from the scanner: marks its item present, or says why not. */
  const scan = useCallback(
    async (code: string): Promise<ScanOutcome> => {
      // The scanner opens from a loaded screen, which needs the corrected time (T1).
      if (nowMs === undefined) return { kind: 'refused' };
      const item = await itemByCode(db, code);
      if (!item) return { kind: 'unknown', code };
      // Read afresh: the screen's copy may be a tap behind when codes come fast.
      const view = await countView(db, handoverId, nowMs);
      const v = allItems(view).find((x) => x.item.id === item.id);
      const label = item.label;
      if (!v) return { kind: 'notInCount', label };
      if (v.accountedWithoutTap) return { kind: 'lent', label };
      if (isFullyPresent(v)) return { kind: 'already', label };
      const res = await tap({ itemId: v.item.id, state: 'present', quantity: v.expectedAtDesk, explanation: '' });
      return res?.ok ? { kind: 'marked', label } : { kind: 'refused' };
    },
    [db, handoverId, nowMs, tap],
  );

  return {
    data,
    locked: lockedRefusal || (data?.view.locked ?? false),
    failure,
    tap,
    markPresent,
    markGroup,
    scan,
  };
}

export type CountModel = ReturnType<typeof useCount>;
