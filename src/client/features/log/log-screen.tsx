import { useCallback } from 'react';
import type { Duty } from '../../../domain/entities';
import { useGoToSection } from '../../state/routes';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { EscalationBanner } from '../../ui/escalation-banner';
import { formatDateTime } from '../../ui/time';
import { useClockOffset } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { EntryDetail } from './entry-detail';
import { EntryForm } from './entry-form';
import { EntryList } from './entry-list';
import { NoDutyPanel } from './no-duty-panel';
import { useDuty } from './use-duty';
import { useFocusedEntry } from './use-focused-entry';

/**
 * The duty record (F3, D1, D5): write, browse and amend the entries of one's own duty. A duty is
 * begun and ended only on the handover screen (H3): there is no "start duty" or "end duty" here.
 */
export function LogScreen({ staffId }: { staffId: string }) {
  const duty = useDuty(staffId);
  // Another screen (the handover gate) may ask to show an entry, whether or not a duty is open.
  const [openEntryId, setOpenEntryId] = useFocusedEntry();
  const site = useSite();
  if (duty === undefined || site === undefined) return null;
  if (duty === null) {
    return (
      <>
        <EscalationBanner onOpenEntry={setOpenEntryId} />
        <NoDutyPanel staffId={staffId} timeZone={site.timeZone} />
        {openEntryId ? (
          <EntryDetail
            entryId={openEntryId}
            staffId={staffId}
            timeZone={site.timeZone}
            onClose={() => setOpenEntryId(null)}
          />
        ) : null}
      </>
    );
  }
  return <DutyView duty={duty} staffId={staffId} openEntryId={openEntryId} onOpen={setOpenEntryId} />;
}

interface DutyViewProps {
  duty: Duty;
  staffId: string;
  openEntryId: string | null;
  onOpen(entryId: string | null): void;
}

function DutyView({ duty, staffId, openEntryId, onOpen: setOpenEntryId }: DutyViewProps) {
  const t = useT();
  const site = useSite();
  const goToSection = useGoToSection();
  const offsetMs = useClockOffset();
  // T1: the default occurred-at is the tablet's clock corrected by the server offset.
  const correctedNow = useCallback(() => Date.now() + (offsetMs ?? 0), [offsetMs]);
  // The form's default occurred-at is shown in the building's zone and corrected time, so it waits
  // for both to load from IndexedDB rather than briefly defaulting to the tablet's own zone.
  if (site === undefined || offsetMs === undefined) return null;
  const timeZone = site.timeZone;

  return (
    <div className="duty-view">
      <EscalationBanner onOpenEntry={setOpenEntryId} />
      <div className="duty-bar">
        <span>{t('duty.current', { time: formatDateTime(duty.startedAt, timeZone) })}</span>
        {/* H3: a duty ends only by a signed handover, or by closing the desk when no shift follows. */}
        <Button onClick={() => goToSection('handover')}>{t('duty.toHandover')}</Button>
      </div>
      <div className="log-columns">
        <EntryForm dutyId={duty.id} staffId={staffId} timeZone={timeZone} correctedNow={correctedNow} />
        <EntryList dutyId={duty.id} timeZone={timeZone} onOpen={setOpenEntryId} />
      </div>
      {openEntryId ? (
        <EntryDetail entryId={openEntryId} staffId={staffId} timeZone={timeZone} onClose={() => setOpenEntryId(null)} />
      ) : null}
    </div>
  );
}
