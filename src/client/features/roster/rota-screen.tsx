import { useId, type ReactNode } from 'react';
import type { Site, Staff } from '../../../domain/entities';
import { isSuperior } from '../../../domain/task-rules';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useSite } from '../../ui/use-site';
import { useStaffMember } from '../../ui/use-staff';
import { ArrangeForm } from './arrange-form';
import { AttendancePanel } from './attendance-panel';
import { dayLabel, shiftTemplates } from './rota-labels';
import { SwapForm } from './swap-form';
import { SwapList } from './swap-list';
import { useArrange } from './use-arrange';
import { useRotaWeek, type RotaWeek } from './use-rota-week';
import { useSwapForm } from './use-swap-form';
import { useSwapList } from './use-swap-list';
import { WeekView } from './week-view';

/**
 * The rota (S1, S2): the week from today on the effective rota, arranged by the section chief (or
 * an admin); swap and cover requests that change it only once confirmed by the chief and approved
 * by the manager; and the week's attendance for superiors. `staffId` is the signed-in person.
 */
export function RotaScreen({ staffId }: { staffId: string }) {
  const site = useSite();
  const actor = useStaffMember(staffId);
  // Days and shift times need the building's zone; never fall back to the tablet's own (T1).
  if (site === undefined || !actor) return null;
  return <RotaView actor={actor} site={site} />;
}

function RotaView({ actor, site }: { actor: Staff; site: Site }) {
  const week = useRotaWeek(site.timeZone);
  const shifts = shiftTemplates(site);
  const canArrange = actor.role === 'chief' || actor.role === 'admin';
  const arrange = useArrange(actor.id, site, week.days);
  const swapForm = useSwapForm(actor.id, week.assignments ?? [], week.nowMs);
  const swapList = useSwapList(actor.id, actor.role);
  const activeStaff = week.staff.filter((s) => s.active);
  // S1: desk staff ask for swaps; a superior sees the form only when rostered themselves.
  // Wait for the rota before saying "no shift to give away".
  const showSwapForm = week.assignments !== undefined && (actor.role === 'desk' || swapForm.myShifts.length > 0);

  return (
    <div className="rota">
      <WeekCard week={week} timeZone={site.timeZone}>
        <WeekView
          week={week}
          shifts={shifts}
          canArrange={canArrange}
          onRemove={(a) => void arrange.remove(a.rotaShiftId)}
        />
      </WeekCard>
      <div className="rota-columns">
        {canArrange ? (
          <ArrangeForm arrange={arrange} days={week.days} shifts={shifts} staff={activeStaff} nameOf={week.nameOf} />
        ) : null}
        {showSwapForm ? <SwapForm form={swapForm} staffId={actor.id} shifts={shifts} staff={activeStaff} /> : null}
        <SwapList
          list={swapList}
          staffId={actor.id}
          role={actor.role}
          shifts={shifts}
          timeZone={site.timeZone}
          nameOf={week.nameOf}
        />
      </div>
      {isSuperior(actor.role) ? <AttendancePanel week={week} shifts={shifts} timeZone={site.timeZone} /> : null}
    </div>
  );
}

/** The week's title, its days in building time, and previous / next week. */
function WeekCard({ week, timeZone, children }: { week: RotaWeek; timeZone: string; children: ReactNode }) {
  const t = useT();
  const titleId = useId();
  const first = week.days[0] ?? week.today;
  const last = week.days.at(-1) ?? week.today;
  return (
    <section className="card rota-week-card" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('rota.title')}</h2>
        <div className="rota-week-nav" role="group" aria-label={t('rota.week.nav')}>
          <Button onClick={week.previous}>
            <span aria-hidden="true">‹ </span>
            {t('rota.week.previous')}
          </Button>
          <Button variant="quiet" onClick={week.current} disabled={week.isCurrent}>
            {t('rota.week.current')}
          </Button>
          <Button onClick={week.next}>
            {t('rota.week.next')}
            <span aria-hidden="true"> ›</span>
          </Button>
        </div>
      </div>
      <p className="meta">{t('rota.week', { from: dayLabel(t, first), to: dayLabel(t, last), zone: timeZone })}</p>
      {children}
    </section>
  );
}
