/**
 * One escalation for the chief or the manager (D2, D3): the entry it is about, its record, and the
 * steps open to this person: acknowledge, record the measures decided, send it on to the manager.
 * Each step runs the same rules as the server before anything is queued.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Staff } from '../../../domain/entities';
import { escalationState, isRecipient, mayForward } from '../../../domain/escalation-rules';
import { Escalation } from '../../../domain/review-entities';
import { fieldMax } from '../../../domain/text-limits';
import { getEntry } from '../../db/queries';
import { escalationsOfEntry, getEscalation } from '../../db/queries/escalation-queries';
import {
  acknowledgeEscalation,
  decideEscalation,
  forwardEscalation,
  type EscalationErrors,
} from '../../db/repos/escalation-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { EscalationStatus, escalationErrorText } from '../../ui/escalation-status';
import { EscalationTextForm } from '../../ui/escalation-text-form';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { useSiteTimeZone } from '../../ui/use-site';
import { useStaffNames } from '../../ui/use-staff';

const DECISION_MAX = fieldMax(Escalation, 'decision');
const REASON_MAX = fieldMax(Escalation, 'reason');

export function EscalationDetail({ id, staff, onBack }: { id: string; staff: Staff; onBack(): void }) {
  const t = useT();
  const db = useDb();
  const timeZone = useSiteTimeZone();
  const names = useStaffNames();
  const data = useLiveQuery(async () => {
    const escalation = (await getEscalation(db, id)) ?? null;
    if (!escalation) return { escalation, entry: null, siblings: [] };
    const [entry, siblings] = await Promise.all([
      getEntry(db, escalation.entryId),
      escalationsOfEntry(db, escalation.entryId),
    ]);
    return { escalation, entry: entry ?? null, siblings };
  }, [db, id]);
  const [forwarding, setForwarding] = useState(false);
  const [ackErrors, setAckErrors] = useState<EscalationErrors>({});
  const acknowledge = useAction(async () => {
    const ctx = await makeWriteContext(db, staff.id);
    const res = await acknowledgeEscalation(db, ctx, id, staff.role);
    setAckErrors(res.ok ? {} : res.errors);
  });
  if (data === undefined) return null;
  const nameOf = (sid: string) => names?.get(sid) ?? t('entry.unknownPerson');
  const back = <Button onClick={onBack}>{t('escalation.back')}</Button>;
  const e = data.escalation;
  if (e === null) {
    return (
      <section className="card">
        {back}
        <p>{t('escalation.notFound')}</p>
      </section>
    );
  }
  const state = escalationState(e);
  const mine = isRecipient(e.level, staff.role);
  const forwarded = data.siblings.some((s) => s.forwardedFromId === e.id);
  const canForward = e.level === 'chief' && mayForward(staff.role) && !forwarded;

  const decide = async (decision: string) => {
    const ctx = await makeWriteContext(db, staff.id);
    const res = await decideEscalation(db, ctx, { escalationId: id, decision }, staff.role);
    return res.ok ? null : res.errors;
  };
  const forward = async (reason: string) => {
    const ctx = await makeWriteContext(db, staff.id);
    const res = await forwardEscalation(db, ctx, { escalationId: id, reason }, staff.role);
    if (!res.ok) return res.errors;
    setForwarding(false);
    return null;
  };

  return (
    <section className="card escalation-detail" aria-label={t('escalation.section')}>
      {back}
      <h2>{t(e.level === 'chief' ? 'escalation.level.chief' : 'escalation.level.manager')}</h2>
      <h3>{t('escalation.entry')}</h3>
      {data.entry ? (
        <dl className="entry-fields">
          <div>
            <dt>{formatDateTime(data.entry.occurredAt, timeZone)}</dt>
            <dd>{data.entry.cause}</dd>
          </div>
          {data.entry.location ? (
            <div>
              <dt>{t('log.location')}</dt>
              <dd>{data.entry.location}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="meta">{t('escalation.entryMissing')}</p>
      )}
      <EscalationStatus escalation={e} nameOf={nameOf} timeZone={timeZone} />
      {mine && state === 'unacknowledged' ? (
        <div className="form-actions">
          <Button variant="primary" large disabled={acknowledge.busy} onClick={() => void acknowledge.run()}>
            {t('escalation.acknowledge')}
          </Button>
        </div>
      ) : null}
      {ackErrors.escalation ? (
        <p className="field-error" role="alert">
          {escalationErrorText(t, ackErrors.escalation)}
        </p>
      ) : null}
      <FailureAlert error={acknowledge.error} />
      {mine && state !== 'decided' ? (
        <EscalationTextForm
          field="decision"
          label={t('escalation.decision')}
          hint={t('escalation.decision.hint')}
          submitLabel={t('escalation.recordDecision')}
          max={DECISION_MAX}
          onSubmit={decide}
        />
      ) : null}
      {forwarded ? <p className="meta">{t('escalation.forwardedAlready')}</p> : null}
      {canForward && forwarding ? (
        <EscalationTextForm
          field="reason"
          label={t('escalation.forward.reason')}
          hint={t('escalation.reason.hintManager')}
          submitLabel={t('escalation.forward')}
          max={REASON_MAX}
          onSubmit={forward}
          onCancel={() => setForwarding(false)}
        />
      ) : canForward ? (
        <Button onClick={() => setForwarding(true)}>{t('escalation.forward')}</Button>
      ) : null}
    </section>
  );
}
