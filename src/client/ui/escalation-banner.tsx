/**
 * D3: an unacknowledged escalation stays visible at the desk. The banner at the top of the duty
 * record lists every escalation of the building nobody has acknowledged yet, for everyone signed in
 * there; it goes once the chief (or the manager) acknowledges, when the sync brings that back.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { unacknowledgedEscalations } from '../db/queries/escalation-queries';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { useDb } from './db-context';
import { formatDateTime } from './time';
import { useSiteTimeZone } from './use-site';
import { useStaffNames } from './use-staff';

/** The desk's banner of unacknowledged escalations; `onOpenEntry` shows the escalated entry. */
export function EscalationBanner({ onOpenEntry }: { onOpenEntry(entryId: string): void }) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const timeZone = useSiteTimeZone();
  const names = useStaffNames();
  const waiting = useLiveQuery(() => unacknowledgedEscalations(db), [db]);
  if (!waiting || waiting.length === 0) return null;
  return (
    <section className="card escalation-banner" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('escalation.banner.title', { count: waiting.length })}</h2>
      <ul>
        {waiting.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{t(e.level === 'chief' ? 'escalation.level.chief' : 'escalation.level.manager')}</strong>
              {' · '}
              {t('escalation.sentBy', {
                name: names?.get(e.sentBy) ?? t('entry.unknownPerson'),
                time: formatDateTime(e.sentAt, timeZone),
              })}
            </p>
            <p className="escalation-reason">{e.reason}</p>
            <Button onClick={() => onOpenEntry(e.entryId)}>{t('escalation.openEntry')}</Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
