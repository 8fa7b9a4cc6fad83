import { useState } from 'react';
import type { ConflictChoice } from '../../../domain/review-entities';
import type { ConflictView } from '../../db/queries/review-queries';
import { resolveConflict, type ResolveError } from '../../db/repos/review-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT, type TFunction } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { describeError } from '../../ui/describe-error';
import { recordName } from '../../ui/refusal-text';
import { reviewFlagText } from '../../ui/review-flag-badge';
import { rejectReason, tableName } from '../../ui/sync-messages';
import { formatShort } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { DayPart, type DayPartProps } from './day-records';

/** T1, H3: the times the server could not vouch for on this day, and desks opened without a handover. */
export function FlaggedTimes({ data, timeZone, nameOf }: DayPartProps) {
  const t = useT();
  return (
    <DayPart title={t('review.flags.title')} empty={data.flags.length === 0}>
      <ul className="record-rows">
        {data.flags.map(({ flag, summary }) => (
          <li key={flag.id} className="record-row">
            <span className="record-line">
              {reviewFlagText(t, flag, { timeZone, sameDayAs: data.fromMs, nameOf: (id) => nameOf(id) })}
            </span>
            <span className="record-meta">
              {tableName(t, flag.table)}
              {summary.trim() === '' ? '' : ` · ${summary}`}
            </span>
          </li>
        ))}
      </ul>
    </DayPart>
  );
}

/** Issue 7 §8: the changes the server refused on this day, with why. */
export function RefusedChanges({ data, timeZone, nameOf }: DayPartProps) {
  const t = useT();
  return (
    <DayPart title={t('review.refused.title')} empty={data.syncErrors.length === 0}>
      <ul className="record-rows">
        {data.syncErrors.map((e) => (
          <li key={e.id} className="record-row">
            <span className="record-line">
              {recordName(t, e)} · {rejectReason(t, e.code)}
            </span>
            <span className="record-meta">
              {formatShort(e.recordedAt, data.fromMs, timeZone)} · {nameOf(e.actorStaffId)}
              {e.dismissedAt !== null ? ` · ${t('review.refused.dismissed')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </DayPart>
  );
}

/** A field value as the chief reads it: text as it is, anything else as JSON, an empty value said so. */
function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('review.conflicts.emptyValue');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function resolveErrorText(t: TFunction, error: ResolveError): string {
  return t(`review.conflicts.error.${error}`);
}

/** One conflict: the value kept by the server and the one that lost, and the chief's choice. */
function ConflictItem({ view, staffId, canSign }: { view: ConflictView; staffId: string; canSign: boolean }) {
  const t = useT();
  const db = useDb();
  const { conflict, resolution } = view;
  const [refused, setRefused] = useState<ResolveError | null>(null);
  const action = useAction(async (choice: ConflictChoice) => {
    const result = await resolveConflict(db, await makeWriteContext(db, staffId), { conflictId: conflict.id, choice });
    setRefused(result.ok ? null : result.errors);
  });
  const label = t('review.conflicts.item', { record: tableName(t, conflict.table), field: conflict.field });
  return (
    <li className="record-row review-conflict" aria-label={label}>
      <span className="record-line">{label}</span>
      <div className="review-conflict-values">
        <div>
          <span className="field-label">{t('review.conflicts.winning')}</span>
          <p>{valueText(t, conflict.winningValue)}</p>
          {canSign && !resolution ? (
            <Button disabled={action.busy} onClick={() => void action.run('winning')}>
              {t('review.conflicts.keepThis')}
            </Button>
          ) : null}
        </div>
        <div>
          <span className="field-label">{t('review.conflicts.losing')}</span>
          <p>{valueText(t, conflict.losingValue)}</p>
          {canSign && !resolution ? (
            <Button disabled={action.busy} onClick={() => void action.run('losing')}>
              {t('review.conflicts.keepThat')}
            </Button>
          ) : null}
        </div>
      </div>
      {resolution ? (
        <p className="record-meta" role="status">
          {t('review.conflicts.resolved', {
            value: valueText(t, resolution.choice === 'winning' ? conflict.winningValue : conflict.losingValue),
          })}
        </p>
      ) : null}
      {refused ? (
        <p role="alert" className="form-error">
          {resolveErrorText(t, refused)}
        </p>
      ) : null}
      {action.error ? (
        <p role="alert" className="form-error">
          {describeError(t, action.error)}
        </p>
      ) : null}
    </li>
  );
}

/** O1: the day's sync conflicts, each resolved by the chief choosing the value to keep. */
export function SyncConflicts({
  data,
  staffId,
  canSign,
}: {
  data: DayPartProps['data'];
  staffId: string;
  canSign: boolean;
}) {
  const t = useT();
  return (
    <DayPart title={t('review.conflicts.title')} empty={data.conflicts.length === 0}>
      <ul className="record-rows">
        {data.conflicts.map((view) => (
          <ConflictItem key={view.conflict.id} view={view} staffId={staffId} canSign={canSign} />
        ))}
      </ul>
    </DayPart>
  );
}

/** O2: the daily reports submitted for the day: the remarks and who submitted them. */
export function DailyReports({ data, timeZone, nameOf }: DayPartProps) {
  const t = useT();
  return (
    <DayPart title={t('review.reports.title')} empty={data.dailyReports.length === 0}>
      <ul className="record-rows">
        {data.dailyReports.map((r) => (
          <li key={r.id} className="record-row">
            <span className="record-line">{r.remarks.trim() === '' ? t('review.reports.noRemarks') : r.remarks}</span>
            <span className="record-meta">
              {t('review.reports.by', {
                name: nameOf(r.staffId),
                time: formatShort(r.submittedAt, data.fromMs, timeZone),
              })}
            </span>
          </li>
        ))}
      </ul>
    </DayPart>
  );
}
