import { useId } from 'react';
import { useGoToSection } from '../../state/routes';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import { useStaffNames } from '../../ui/use-staff';
import { useDesk } from './use-duty';

/**
 * The duty record of someone not on duty (H3, S1): one duty at a time, so there is no "start duty".
 * With a duty open, it says whose, and the way to take over is to join their handover; with none
 * open, the person rostered now opens the desk; both on the handover screen.
 */
export function NoDutyPanel({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const desk = useDesk(staffId);
  const names = useStaffNames();
  const goToSection = useGoToSection();
  if (!desk || !names) return null;
  const name = (id: string) => names.get(id) ?? t('entry.unknownPerson');
  const { openDuty, rostered, rosteredNow } = desk;
  const others = [...new Set(rosteredNow.map((a) => name(a.staffId)))].join(', ');

  return (
    <section className="card start-duty" aria-labelledby={titleId}>
      <h2 id={titleId}>{openDuty ? t('duty.onDuty', { name: name(openDuty.staffId) }) : t('duty.closed')}</h2>
      {openDuty ? (
        <p>{t('duty.onDutySince', { time: formatDateTime(openDuty.startedAt, timeZone) })}</p>
      ) : rostered ? (
        <p>{t('duty.mayOpen')}</p>
      ) : (
        <p>{others === '' ? t('duty.nobodyRostered') : t('duty.othersRostered', { names: others })}</p>
      )}
      {openDuty || rostered ? (
        <Button variant="primary" large onClick={() => goToSection('handover')}>
          {openDuty ? t('duty.join') : t('duty.openDesk')}
        </Button>
      ) : null}
    </section>
  );
}
