import { useCallback, useState } from 'react';
import type { Duty } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { Dialog } from '../../ui/dialog';
import { formatDateTime } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { useClockOffset } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { EntryDetail } from './entry-detail';
import { EntryForm } from './entry-form';
import { EntryList } from './entry-list';
import { StartDutyPanel } from './start-duty-panel';
import { useDuty } from './use-duty';
import { useFocusedEntry } from './use-focused-entry';

/** The duty record (F3, D1, D5): start a duty, then write, browse and amend its entries. */
export function LogScreen({ staffId }: { staffId: string }) {
  const { duty, start, end } = useDuty(staffId);
  // Another screen (the handover gate) may ask to show an entry, whether or not a duty is open.
  const [openEntryId, setOpenEntryId] = useFocusedEntry();
  const site = useSite();
  if (duty === undefined) return null;
  if (duty === null) {
    return (
      <>
        <StartDutyPanel onStart={start} />
        {openEntryId && site ? (
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
  return <DutyView duty={duty} staffId={staffId} onEnd={end} openEntryId={openEntryId} onOpen={setOpenEntryId} />;
}

interface DutyViewProps {
  duty: Duty;
  staffId: string;
  onEnd(dutyId: string): Promise<void>;
  openEntryId: string | null;
  onOpen(entryId: string | null): void;
}

function DutyView({ duty, staffId, onEnd, openEntryId, onOpen: setOpenEntryId }: DutyViewProps) {
  const t = useT();
  const site = useSite();
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const ending = useAction(onEnd);
  const offsetMs = useClockOffset();
  // T1: the default occurred-at is the tablet's clock corrected by the server offset.
  const correctedNow = useCallback(() => Date.now() + (offsetMs ?? 0), [offsetMs]);
  // The form's default occurred-at is shown in the building's zone and corrected time, so it waits
  // for both to load from IndexedDB rather than briefly defaulting to the tablet's own zone.
  if (site === undefined || offsetMs === undefined) return null;
  const timeZone = site.timeZone;

  return (
    <div className="duty-view">
      <div className="duty-bar">
        <span>{t('duty.current', { time: formatDateTime(duty.startedAt, timeZone) })}</span>
        <Button variant="danger" onClick={() => setConfirmingEnd(true)}>
          {t('duty.end')}
        </Button>
      </div>
      <div className="log-columns">
        <EntryForm dutyId={duty.id} staffId={staffId} timeZone={timeZone} correctedNow={correctedNow} />
        <EntryList dutyId={duty.id} timeZone={timeZone} onOpen={setOpenEntryId} />
      </div>
      {openEntryId ? (
        <EntryDetail entryId={openEntryId} staffId={staffId} timeZone={timeZone} onClose={() => setOpenEntryId(null)} />
      ) : null}
      {confirmingEnd ? (
        <Dialog title={t('duty.end')} onClose={() => setConfirmingEnd(false)}>
          <p>{t('duty.end.confirm')}</p>
          <FailureAlert error={ending.error} />
          <div className="form-actions">
            <Button onClick={() => setConfirmingEnd(false)}>{t('common.cancel')}</Button>
            <Button variant="danger" large disabled={ending.busy} onClick={() => void ending.run(duty.id)}>
              {t('duty.end.confirmButton')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
