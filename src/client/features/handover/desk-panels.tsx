import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useId, useState } from 'react';
import type { Duty, Site } from '../../../domain/entities';
import type { Handover } from '../../../domain/handover-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { listStaff } from '../../db/queries';
import type { OpenDeskError } from '../../db/repos/desk-repo';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { JoinBox } from './join-box';
import { useOpenDesk } from './use-handover-data';

const openErrorKey = (e: OpenDeskError): MessageKey => `handover.open.error.${e}`;

/** Names by id once the staff are loaded (undefined before: no panel says "nobody" while loading). */
function useNames(): ((id: string | null) => string) | undefined {
  const db = useDb();
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  return staff && ((id) => staff.find((s) => s.id === id)?.name ?? '');
}

/**
 * H3, S1: someone else is on duty. One duty at a time: the signed-in person does not start another;
 * they take over by joining that person's handover with their PIN (H1), once it is being prepared.
 */
export function OnDutyPanel(props: {
  duty: Duty;
  handover: Handover | null;
  staffId: string;
  site: Site;
  nowMs: number;
}) {
  const { duty, handover, staffId, site, nowMs } = props;
  const t = useT();
  const titleId = useId();
  const nameOf = useNames();
  if (!nameOf) return null;
  const name = nameOf(duty.staffId);
  const me = { id: staffId, name: nameOf(staffId) };
  const joinable = handover !== null && handover.kind === 'handover' && (handover.joinedAt ?? null) === null;

  return (
    <section className="card handover-card handover-on-duty" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('handover.desk.onDuty', { name })}</h2>
      <p>{t('handover.desk.since', { time: formatShort(duty.startedAt, nowMs, site.timeZone) })}</p>
      {handover === null ? (
        <p className="callout">{t('handover.desk.notStarted', { name, minutes: site.outgoingLeadMinutes })}</p>
      ) : null}
      {handover?.kind === 'closing' ? <p className="callout">{t('handover.desk.closing', { name })}</p> : null}
      {handover !== null && handover.kind === 'handover' && !joinable ? (
        <p className="callout">{t('handover.desk.joinedBy', { name: nameOf(handover.incomingStaffId) })}</p>
      ) : null}
      {joinable && me.name !== '' ? (
        <>
          <p>{t('handover.join.offer', { name })}</p>
          <JoinBox handover={handover} person={me} timeZone={site.timeZone} />
        </>
      ) : null}
    </section>
  );
}

/**
 * H3, S1: no duty is open in the building and the signed-in person is rostered now: they open the
 * desk, with a count against the last closing count (H8), their PIN and signature; the section
 * chief is told (the server flags it).
 */
export function OpenDeskPanel(props: { staffId: string; site: Site; shift: Assignment; nowMs: number }) {
  const { staffId, site, shift, nowMs } = props;
  const t = useT();
  const titleId = useId();
  const [refusal, setRefusal] = useState<OpenDeskError | null>(null);
  const openDesk = useOpenDesk(staffId, site);
  const open = useAction(
    useCallback(async () => {
      setRefusal(await openDesk());
    }, [openDesk]),
  );
  const when = (ms: number) => formatShort(ms, nowMs, site.timeZone);

  return (
    <section className="card handover-card handover-open" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('handover.open.title')}</h2>
      <p>{t('handover.open.body', { start: when(shift.startsAt), end: when(shift.endsAt) })}</p>
      {refusal ? (
        <p role="alert" className="form-error">
          {t(openErrorKey(refusal))}
        </p>
      ) : null}
      <FailureAlert error={open.error} />
      <div className="form-actions">
        <Button variant="primary" large disabled={open.busy} onClick={() => void open.run()}>
          {t('handover.open.submit')}
        </Button>
      </div>
    </section>
  );
}

/** No duty is open and the signed-in person is not rostered now: who may open the desk. */
export function DeskClosedPanel({ rostered }: { rostered: Assignment[] }) {
  const t = useT();
  const titleId = useId();
  const nameOf = useNames();
  if (!nameOf) return null;
  const names = [...new Set(rostered.map((a) => nameOf(a.staffId)))].filter((n) => n !== '').join(', ');
  return (
    <section className="card handover-card handover-closed" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('handover.closed.title')}</h2>
      <p>{names === '' ? t('handover.closed.nobody') : t('handover.closed.rostered', { names })}</p>
    </section>
  );
}
