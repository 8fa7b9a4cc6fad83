import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { Site } from '../../../domain/entities';
import type { Handover, HandoverKind, HandoverRecord } from '../../../domain/handover-entities';
import { deskState, type DeskState } from '../../db/queries/desk-queries';
import { handoverForDuty, listRecords, openingDraftFor } from '../../db/queries/handover-queries';
import { openDesk } from '../../db/repos/desk-repo';
import { openHandover } from '../../db/repos/handover-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';

/** How many recent records are searched for the one that opened the current duty, and its addenda. */
const RECENT_RECORDS = 50;

export interface HandoverScreenData {
  desk: DeskState;
  /**
   * The draft being prepared that concerns this person: the handover or closing of the open duty
   * (theirs or the one they take over), or their own opening of the desk.
   */
  handover: Handover | null;
  /** H3: the signed record that opened this person's duty (the handover they accepted, or their opening). */
  received: HandoverRecord | null;
  /** Addenda correcting `received`, oldest first. */
  corrections: HandoverRecord[];
  /** The building's newest record when no duty is open (the closing that closed the desk). */
  latest: HandoverRecord | null;
}

/**
 * What the handover screen shows for `staffId` at `nowMs`, live: who is on duty in the building,
 * the draft in progress, the record that opened their duty. `undefined` while loading.
 */
export function useHandoverData(staffId: string, site: Site | undefined, nowMs: number | undefined) {
  const db = useDb();
  const lead = site?.incomingLeadMinutes;
  return useLiveQuery(async (): Promise<HandoverScreenData | undefined> => {
    if (lead === undefined || nowMs === undefined) return undefined;
    const desk = await deskState(db, staffId, nowMs, { incomingLeadMinutes: lead });
    const records = await listRecords(db, RECENT_RECORDS);
    const draft = desk.openDuty ? await handoverForDuty(db, desk.openDuty.id) : await openingDraftFor(db, staffId);
    const handover = draft && draft.status === 'preparing' ? draft : null;
    const openedBy = desk.myDuty?.handoverId ?? null;
    return {
      desk,
      handover,
      received: openedBy === null ? null : (records.find((r) => r.id === openedBy) ?? null),
      corrections: openedBy === null ? [] : records.filter((r) => r.correctsId === openedBy).reverse(),
      latest: desk.openDuty === null ? (records.find((r) => r.correctsId === null) ?? null) : null,
    };
  }, [db, staffId, lead, nowMs]);
}

/** H1, H3: the outgoing person opens the handover (or the closing) of their duty, or gets the one already open. */
export function useStartHandover(staffId: string) {
  const db = useDb();
  return useCallback(
    async (dutyId: string, scheduledAt: number | null, kind: Exclude<HandoverKind, 'opening'>) => {
      const ctx = await makeWriteContext(db, staffId);
      await openHandover(db, ctx, { outgoingDutyId: dutyId, scheduledAt, kind });
    },
    [db, staffId],
  );
}

/** H3, S1: the person rostered now opens the desk; the refusal (a duty open, not rostered) is returned. */
export function useOpenDesk(staffId: string, site: Pick<Site, 'incomingLeadMinutes'>) {
  const db = useDb();
  const lead = site.incomingLeadMinutes;
  return useCallback(async () => {
    const res = await openDesk(db, await makeWriteContext(db, staffId), { incomingLeadMinutes: lead });
    return res.ok ? null : res.errors;
  }, [db, staffId, lead]);
}
