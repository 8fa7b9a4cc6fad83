/**
 * D2, D3: the escalations screen of the section chief and the manager. Their queue: unacknowledged
 * first, then awaiting decision, then decided (a chief sees what goes to the chief; the manager
 * also what goes to the manager). `/escalations/<id>` opens one to acknowledge it, record the
 * measures decided or send it on to the manager.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { escalationState, type EscalationState } from '../../../domain/escalation-rules';
import type { Escalation } from '../../../domain/review-entities';
import { escalationQueue } from '../../db/queries/escalation-queries';
import { useT } from '../../i18n/use-t';
import { usePathDetail } from '../../state/routes';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { STATE_KEYS } from '../../ui/escalation-status';
import { formatDateTime } from '../../ui/time';
import { useSiteTimeZone } from '../../ui/use-site';
import { useStaffMember, useStaffNames } from '../../ui/use-staff';
import { EscalationDetail } from './escalation-detail';
import { NotifyControl } from './notify-control';

const GROUPS: readonly EscalationState[] = ['unacknowledged', 'awaitingDecision', 'decided'];

export function EscalationsScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const db = useDb();
  const me = useStaffMember(staffId);
  const [detail, setDetail] = usePathDetail('escalations');
  const role = me?.role;
  const queue = useLiveQuery(async () => (role ? escalationQueue(db, role) : undefined), [db, role]);
  if (!me || queue === undefined) return null;
  // D3: the queue is the chief's and the manager's; the server refuses anyone else's steps too.
  if (me.role !== 'chief' && me.role !== 'manager') {
    return (
      <section className="card">
        <h2>{t('escalation.screen.title')}</h2>
        <p>{t('escalation.forRolesOnly')}</p>
      </section>
    );
  }
  if (detail !== null) {
    return <EscalationDetail id={detail} staff={me} onBack={() => setDetail(null, { push: true })} />;
  }
  return (
    <div className="escalations-screen">
      <section className="card">
        <h2>{t('escalation.screen.title')}</h2>
        <NotifyControl staffId={staffId} />
      </section>
      {GROUPS.map((state) => (
        <QueueGroup
          key={state}
          state={state}
          rows={queue.filter((e) => escalationState(e) === state)}
          onOpen={(id) => setDetail(id, { push: true })}
        />
      ))}
    </div>
  );
}

function QueueGroup(props: { state: EscalationState; rows: Escalation[]; onOpen(id: string): void }) {
  const t = useT();
  const titleId = useId();
  const names = useStaffNames();
  const timeZone = useSiteTimeZone();
  return (
    <section className="card escalation-group" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t(STATE_KEYS[props.state])} ({props.rows.length})
      </h3>
      {props.rows.length === 0 ? <p className="empty">{t('escalation.queue.empty')}</p> : null}
      <ul className="escalation-queue" aria-labelledby={titleId}>
        {props.rows.map((e) => (
          <li key={e.id}>
            <p className="meta">
              <strong>{t(e.level === 'chief' ? 'escalation.level.chief' : 'escalation.level.manager')}</strong>
              {' · '}
              {t('escalation.sentBy', {
                name: names?.get(e.sentBy) ?? t('entry.unknownPerson'),
                time: formatDateTime(e.sentAt, timeZone),
              })}
            </p>
            <p className="escalation-reason">{e.reason}</p>
            <Button onClick={() => props.onOpen(e.id)}>{t('escalation.open')}</Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
