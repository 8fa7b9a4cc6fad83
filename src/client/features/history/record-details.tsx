import type { LogEntry } from '../../../domain/entities';
import type { BlockerSeen, HandoverRecord } from '../../../domain/handover-entities';
import type { Task } from '../../../domain/task-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { useOpenFocus } from '../../state/routes';
import { Button } from '../../ui/button';
import { formatDateTime, formatShort } from '../../ui/time';

const CHECKS = ['recordReviewed', 'equipmentChecked', 'pendingReviewed', 'anomaliesAsked'] as const;
const CHECK_LABELS: Record<(typeof CHECKS)[number], MessageKey> = {
  recordReviewed: 'history.check.recordReviewed',
  equipmentChecked: 'history.check.equipmentChecked',
  pendingReviewed: 'history.check.pendingReviewed',
  anomaliesAsked: 'history.check.anomaliesAsked',
};
const BLOCKER_LABELS: Record<string, MessageKey> = {
  majorOpen: 'history.blocker.majorOpen',
  equipmentInProgress: 'history.blocker.equipmentInProgress',
  preparationIncomplete: 'history.blocker.preparationIncomplete',
  importantWork: 'history.blocker.importantWork',
  unfit: 'history.blocker.unfit',
  substituteUnapproved: 'history.blocker.substituteUnapproved',
  notRostered: 'history.blocker.notRostered',
  notJoined: 'history.blocker.notJoined',
  instructionsUnacknowledged: 'history.blocker.instructionsUnacknowledged',
  nextShiftRostered: 'history.blocker.nextShiftRostered',
};

/** H2, H10, H11(d): the checklist as signed, and the fitness note. */
export function RecordChecklist({ record }: { record: HandoverRecord }) {
  const t = useT();
  return (
    <dl className="entry-fields history-checklist">
      {CHECKS.map((c) => (
        <div key={c}>
          <dt>{t(CHECK_LABELS[c])}</dt>
          <dd>{record[c] ? t('history.yes') : t('history.no')}</dd>
        </div>
      ))}
      {record.fitnessNote ? (
        <div>
          <dt>{t('history.fitnessNote')}</dt>
          <dd>{record.fitnessNote}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** An entry of the record: its cause and a button to open it in the duty record (read only there). */
function EntryItem({ entry, timeZone }: { entry: LogEntry; timeZone: string }) {
  const t = useT();
  const openFocus = useOpenFocus();
  return (
    <li className="history-entry">
      <span className="record-time">{formatDateTime(entry.occurredAt, timeZone)}</span>{' '}
      <span className="history-entry-cause">{entry.cause}</span>
      <Button
        className="no-print"
        aria-label={t('history.entry.openNamed', { cause: entry.cause })}
        onClick={() => openFocus('log', { table: 'logEntry', id: entry.id })}
      >
        {t('history.entry.open')}
      </Button>
    </li>
  );
}

/** H4, H5, H7: what was carried over, with the tasks and major matters this tablet holds. */
export function RecordCarried(props: {
  record: HandoverRecord;
  entries: ReadonlyMap<string, LogEntry>;
  tasks: ReadonlyMap<string, Task>;
  timeZone: string;
}) {
  const { record, entries, tasks, timeZone } = props;
  const t = useT();
  const c = record.carried;
  const total =
    c.taskIds.length + c.acknowledged.length + c.majorEntryIds.length + c.openLoanIds.length + c.custodyIds.length;
  if (total === 0) return <p className="empty">{t('history.carried.none')}</p>;
  const titled = (ids: readonly string[]) => ids.flatMap((id) => tasks.get(id)?.title ?? []);
  return (
    <div className="history-carried">
      <p>{t('history.carried.tasks', { count: c.taskIds.length })}</p>
      {titled(c.taskIds).length > 0 ? (
        <ul>
          {titled(c.taskIds).map((title, i) => (
            <li key={`${i}-${title}`}>{title}</li>
          ))}
        </ul>
      ) : null}
      <p>{t('history.carried.acknowledged', { count: c.acknowledged.length })}</p>
      <p>{t('history.carried.major', { count: c.majorEntryIds.length })}</p>
      <ul className="history-entries">
        {c.majorEntryIds.flatMap((id) => {
          const entry = entries.get(id);
          return entry ? [<EntryItem key={id} entry={entry} timeZone={timeZone} />] : [];
        })}
      </ul>
      <p>{t('history.carried.overdueLoans', { count: c.overdueLoanIds.length })}</p>
      <p>{t('history.carried.openLoans', { count: c.openLoanIds.length })}</p>
      <p>{t('history.carried.custody', { count: c.custodyIds.length })}</p>
    </div>
  );
}

/** H11: the blockers the tablet showed and saw cleared before the signing (there is no override). */
export function RecordBlockers({ blockers }: { blockers: readonly BlockerSeen[] }) {
  const t = useT();
  if (blockers.length === 0) return <p className="empty">{t('history.blockers.none')}</p>;
  return (
    <ul className="history-blockers">
      {blockers.map((b, i) => {
        const key = BLOCKER_LABELS[b.code];
        return (
          <li key={`${i}-${b.code}`}>
            {key
              ? t(key, { count: b.refs.length })
              : t('history.blocker.other', { code: b.code, count: b.refs.length })}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The outgoing duty as locked (H3): who, from when to when, and each entry by its digest; an
 * entry this tablet holds links to the duty record, an absent one shows its digest.
 */
export function RecordDuty(props: {
  record: HandoverRecord;
  entries: ReadonlyMap<string, LogEntry>;
  name: string;
  timeZone: string;
}) {
  const { record, entries, name, timeZone } = props;
  const t = useT();
  const duty = record.duty;
  if (!duty) return <p className="empty">{t('history.duty.none')}</p>;
  const present = duty.entries.filter((e) => entries.has(e.id)).length;
  return (
    <div className="history-duty">
      <p>
        {t('history.duty.span', {
          name,
          start: formatShort(duty.startedAt, duty.endedAt, timeZone),
          end: formatShort(duty.endedAt, duty.endedAt, timeZone),
        })}
      </p>
      <p className="meta">{t('history.duty.present', { present, total: duty.entries.length })}</p>
      <ul className="history-entries">
        {duty.entries.map((d) => {
          const entry = entries.get(d.id);
          if (entry) return <EntryItem key={d.id} entry={entry} timeZone={timeZone} />;
          return (
            <li key={d.id} className="history-entry history-entry-absent">
              {t('history.entry.absent')} <code>{t('history.entry.digest', { hash: d.hash.slice(0, 12) })}</code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
