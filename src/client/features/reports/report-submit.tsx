import { useId, useState, type FormEvent } from 'react';
import { DailyReport } from '../../../domain/review-entities';
import { fieldMax } from '../../../domain/text-limits';
import type { ReportSubmitError } from '../../db/repos/report-repo';
import { useT, type TFunction } from '../../i18n/use-t';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { formatDateTime } from '../../ui/time';
import type { DayReport } from './use-day-report';

const REMARKS_MAX = fieldMax(DailyReport, 'remarks');

function refusalText(t: TFunction, refusal: ReportSubmitError): string {
  if (refusal.code === 'day_not_over') return t('reports.error.day_not_over');
  if (refusal.code === 'tooLong') return t('reports.error.tooLong');
  if (refusal.issues.some((i) => i.code === 'alreadySubmitted')) return t('reports.error.alreadySubmitted');
  return t('reports.error.rule', { message: refusal.message });
}

/**
 * O2: the person on duty adds remarks and submits the report, once the day is over (before that,
 * the form says from when; the repository and the server refuse it too). Once submitted, the form
 * gives way to the time of submission: a report is submitted once per person and day.
 */
export function ReportSubmit({ report, timeZone }: { report: DayReport; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const [remarks, setRemarks] = useState('');
  if (report.mine) {
    return (
      <p className="report-done" role="status">
        {t('reports.submit.done', { time: formatDateTime(report.mine.submittedAt, timeZone) })}
      </p>
    );
  }
  if (!report.over) {
    return (
      <p className="report-not-over" role="note">
        {t('reports.submit.notOver', { time: formatDateTime(report.endsAt, timeZone) })}
      </p>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void report.submit(remarks).then((done) => {
      if (done) setRemarks('');
    });
  };
  const error = report.refusal ? refusalText(t, report.refusal) : undefined;
  return (
    <form className="card report-submit" aria-labelledby={titleId} onSubmit={onSubmit} noValidate>
      <h3 id={titleId}>{t('reports.submit.title')}</h3>
      <Field
        label={t('reports.remarks')}
        hint={t('reports.remarks.hint')}
        error={error}
        limit={{ max: REMARKS_MAX, value: remarks }}
      >
        {(control) => <textarea {...control} rows={4} value={remarks} onChange={(e) => setRemarks(e.target.value)} />}
      </Field>
      <FailureAlert error={report.failure} />
      <SubmitButton busy={report.busy || report.data === undefined} label={t('reports.submit')} />
    </form>
  );
}
