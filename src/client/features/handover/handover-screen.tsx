import type { ReactNode } from 'react';
import type { Handover } from '../../../domain/handover-entities';
import { useCorrectedNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { DeskClosedPanel, OnDutyPanel, OpenDeskPanel } from './desk-panels';
import { HandoverFlow } from './handover-flow';
import { RecordView } from './record-view';
import { RefusalAlert } from './refusal-alert';
import { StartPanel } from './start-panel';
import { useHandoverData } from './use-handover-data';
import { useScheduledEnd } from './use-shift-end';
import { useNoStepWithoutFlow } from './use-step-route';

export interface HandoverScreenProps {
  /** The signed-in person: the outgoing one while preparing, the incoming one once joined or signed. */
  staffId: string;
  /** The count screen (another feature), shown in the count step; app.tsx injects it. */
  renderCount(args: { handoverId: string; staffId: string }): ReactNode;
}

/** The people of a draft: the outgoing person, the opener, and, once joined, the incoming person and the substitute. */
function takesPart(h: Handover, staffId: string): boolean {
  if (h.outgoingStaffId === staffId) return true;
  if (h.kind === 'opening') return h.incomingStaffId === staffId;
  return (h.joinedAt ?? null) !== null && (h.incomingStaffId === staffId || h.substituteStaffId === staffId);
}

/**
 * The desk as the signed-in person finds it (H1-H11, H3, S1). One duty at a time: a duty begins
 * only by accepting a signed handover or, with none open, by opening the desk (the person rostered
 * now); it ends only by a signed handover or, with no shift to follow, by closing the desk. The
 * guided screen runs each of these; every answer is saved as it is given, so a reload continues
 * where it stopped, and the same duty continues on any tablet of the building.
 */
export function HandoverScreen({ staffId, renderCount }: HandoverScreenProps) {
  const site = useSite();
  // T1: deadlines and the gate run on server-corrected time, never the tablet's own clock.
  const nowMs = useCorrectedNow(30_000);
  const data = useHandoverData(staffId, site, nowMs);
  const mine = data?.desk.myDuty;
  const scheduledEnd = useScheduledEnd(staffId, mine, nowMs);
  useNoStepWithoutFlow(data !== undefined && data.handover === null);
  if (data === undefined || site === undefined || nowMs === undefined) return null;
  const { desk, handover } = data;
  const flow = handover !== null && takesPart(handover, staffId) ? handover : null;

  return (
    <div className="handover-screen">
      <RefusalAlert staffId={staffId} handoverId={handover?.id ?? null} since={mine?.startedAt ?? null} />
      {flow ? (
        <HandoverFlow
          key={flow.id}
          handover={flow}
          staffId={staffId}
          site={site}
          nowMs={nowMs}
          renderCount={renderCount}
        />
      ) : null}
      {!flow && desk.openDuty && desk.openDuty.staffId !== staffId ? (
        <OnDutyPanel duty={desk.openDuty} handover={handover} staffId={staffId} site={site} nowMs={nowMs} />
      ) : null}
      {!flow && mine && data.received ? (
        <RecordView
          record={data.received}
          corrections={data.corrections}
          staffId={staffId}
          site={site}
          renderCount={renderCount}
        />
      ) : null}
      {!flow && mine && scheduledEnd !== undefined ? (
        <StartPanel duty={mine} staffId={staffId} site={site} nowMs={nowMs} scheduledAt={scheduledEnd} />
      ) : null}
      {!flow && !desk.openDuty && desk.rostered ? (
        <OpenDeskPanel staffId={staffId} site={site} shift={desk.rostered} nowMs={nowMs} />
      ) : null}
      {!flow && !desk.openDuty && !desk.rostered ? <DeskClosedPanel rostered={desk.rosteredNow} /> : null}
      {!flow && !desk.openDuty && data.latest ? (
        <RecordView record={data.latest} corrections={[]} staffId={staffId} site={site} renderCount={renderCount} />
      ) : null}
    </div>
  );
}
