import { useId } from 'react';
import type { FlagView } from '../../db/queries/review-flags';
import { useT, type TFunction } from '../../i18n/use-t';
import { useOpenFocus } from '../../state/routes';
import { reviewFlagText } from '../../ui/review-flag-badge';
import { tableName } from '../../ui/sync-messages';

export interface TimesInDoubtProps {
  /** The day's flags; undefined while loading. */
  flags: FlagView[] | undefined;
  timeZone: string;
  /** Start of the shown day: times on it read HH:mm. */
  fromMs: number;
  nameOf(staffId: string): string | undefined;
  /** Opens an entry's detail here, in the record by day. */
  onOpenEntry(entryId: string): void;
}

/** "Duty record entry: Lift 2 stuck", or the table's name when the record is not on this tablet. */
function subjectOf(t: TFunction, view: FlagView): string {
  const { target, summary } = view;
  if (target === null) return tableName(t, view.flag.table);
  const record = t(`flag.record.${target.table}`);
  return summary.trim() === '' ? record : t('flag.subject', { record, summary });
}

/**
 * T1, H3, O1: for the section chief, manager or admin: the records the server kept on this day
 * with a time it could not vouch for, and the desks opened without a handover, each opening the
 * record it is about (an entry here; a task, item or signed record in its own section).
 */
export function TimesInDoubt({ flags, timeZone, fromMs, nameOf, onOpenEntry }: TimesInDoubtProps) {
  const t = useT();
  const titleId = useId();
  const openFocus = useOpenFocus();
  const open = (target: NonNullable<FlagView['target']>) => {
    switch (target.table) {
      case 'logEntry':
        return onOpenEntry(target.id);
      case 'task':
        return openFocus('tasks', target);
      case 'item':
      case 'itemMovement':
        return openFocus('items', target);
      case 'handoverRecord':
        return openFocus('handover', target);
    }
  };

  return (
    <section className="card times-in-doubt" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('day.flags.title')}</h2>
      <p className="field-hint">{t('day.flags.intro')}</p>
      {flags && flags.length === 0 ? <p className="empty">{t('day.flags.empty')}</p> : null}
      <ul className="record-rows" aria-labelledby={titleId}>
        {flags?.map((view) => {
          const { flag, target } = view;
          const text = reviewFlagText(t, flag, { timeZone, sameDayAs: fromMs, nameOf });
          const subject = subjectOf(t, view);
          // The desk-opened text names its person already; a time flag says whose record it is.
          const meta =
            flag.kind === 'deskOpened'
              ? subject
              : `${subject} · ${nameOf(flag.actorStaffId) ?? t('entry.unknownPerson')}`;
          const body = (
            <>
              <span className="record-line flag-text">{text}</span>
              <span className="record-meta">{meta}</span>
            </>
          );
          return (
            <li key={flag.id}>
              {target ? (
                <button type="button" className={`record-row flag-row flag-${flag.kind}`} onClick={() => open(target)}>
                  {body}
                </button>
              ) : (
                <div className={`record-row flag-row flag-${flag.kind}`}>{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
