/**
 * D2, D3 on an entry's detail: any entry can be marked difficult and sent to the section chief, or
 * a major one sent to the manager, with the reason; the escalation's record follows (sent by, when,
 * why; acknowledged by, when; the decision), live as the sync brings the chief's steps.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { EscalationLevel } from '../../domain/review-entities';
import { Escalation } from '../../domain/review-entities';
import { fieldMax } from '../../domain/text-limits';
import { escalationsOfEntry } from '../db/queries/escalation-queries';
import { sendEscalation } from '../db/repos/escalation-repo';
import { makeWriteContext } from '../db/repos/write-context';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { useDb } from './db-context';
import { EscalationStatus } from './escalation-status';
import { EscalationTextForm } from './escalation-text-form';
import { useStaffMember, useStaffNames } from './use-staff';

/** The server's limit of a reason (issue 7: refused before queueing, counted near it). */
export const REASON_MAX = fieldMax(Escalation, 'reason');

/** The entry's escalations and the buttons to send it up, for the signed-in `staffId`. */
export function EscalationPanel({
  entryId,
  staffId,
  timeZone,
}: {
  entryId: string;
  staffId: string;
  timeZone: string;
}) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const escalations = useLiveQuery(() => escalationsOfEntry(db, entryId), [db, entryId]);
  const me = useStaffMember(staffId);
  const names = useStaffNames();
  const [target, setTarget] = useState<EscalationLevel | null>(null);
  if (escalations === undefined || !me) return null;
  const nameOf = (id: string) => names?.get(id) ?? t('entry.unknownPerson');
  const sentTo = (level: EscalationLevel) => escalations.some((e) => e.level === level);

  const send = async (reason: string) => {
    if (target === null) return null;
    const ctx = await makeWriteContext(db, staffId);
    const res = await sendEscalation(db, ctx, { entryId, level: target, reason }, me.role);
    if (!res.ok) return res.errors;
    setTarget(null);
    return null;
  };

  return (
    <section className="escalation-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('escalation.section')}</h3>
      {escalations.map((e) => (
        <EscalationStatus key={e.id} escalation={e} nameOf={nameOf} timeZone={timeZone} />
      ))}
      {target !== null ? (
        <EscalationTextForm
          field="reason"
          label={t('escalation.reason')}
          hint={t(target === 'chief' ? 'escalation.reason.hintChief' : 'escalation.reason.hintManager')}
          submitLabel={t(target === 'chief' ? 'escalation.sendToChief' : 'escalation.sendToManager')}
          max={REASON_MAX}
          onSubmit={send}
          onCancel={() => setTarget(null)}
        />
      ) : (
        <div className="form-actions">
          {/* D3: a difficult matter goes to the chief once; a major one to the manager once. */}
          {sentTo('chief') ? null : <Button onClick={() => setTarget('chief')}>{t('escalation.sendToChief')}</Button>}
          {sentTo('manager') ? null : (
            <Button onClick={() => setTarget('manager')}>{t('escalation.sendToManager')}</Button>
          )}
        </div>
      )}
    </section>
  );
}
