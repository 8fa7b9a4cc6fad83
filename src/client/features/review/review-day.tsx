import { useState } from 'react';
import { isDayOver } from '../../../domain/building-day';
import type { Site } from '../../../domain/entities';
import type { DayReview } from '../../../domain/review-entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import { useCorrectedNow } from '../../ui/use-now';
import { useStaffNames } from '../../ui/use-staff';
import { DailyReports, FlaggedTimes, RefusedChanges, SyncConflicts } from './day-issues';
import { DayFiguresPart, DayPart, DutyRecords, OpenItems, SignedRecords, type DayPartProps } from './day-records';
import { SignPanel } from './sign-panel';
import { SpotChecks } from './spot-checks';
import { useReviewDay } from './use-review-day';

export interface ReviewDayProps {
  day: string;
  site: Site;
  staffId: string;
  /** Only the section chief signs, resolves conflicts and records spot checks (WRITE_POLICY). */
  canSign: boolean;
  onBack(): void;
}

/** O1: the signed review and its addenda; the review is locked, corrections are addenda. */
function SignedReview({
  reviews,
  props,
  nameOf,
}: {
  reviews: DayReview[];
  props: DayPartProps;
  nameOf(id: string): string;
}) {
  const t = useT();
  return (
    <DayPart title={t('review.signed.title')} empty={false}>
      <p role="status" className="review-locked">
        {t('review.signed.locked')}
      </p>
      <ul className="record-rows">
        {reviews.map((r) => (
          <li key={r.id} className="record-row">
            <span className="record-line">
              {r.correctsId === null
                ? t('review.signed.by', {
                    name: nameOf(r.reviewerId),
                    time: formatDateTime(r.signedAt, props.timeZone),
                  })
                : t('review.signed.addendumBy', {
                    name: nameOf(r.reviewerId),
                    time: formatDateTime(r.signedAt, props.timeZone),
                  })}
            </span>
            {r.note === '' ? null : <span className="record-meta">{r.note}</span>}
          </li>
        ))}
      </ul>
    </DayPart>
  );
}

/** O1: one building day as the chief reviews it, then signs it. */
export function ReviewDayView({ day, site, staffId, canSign, onBack }: ReviewDayProps) {
  const t = useT();
  const data = useReviewDay(day, site);
  const names = useStaffNames();
  const now = useCorrectedNow();
  const [correcting, setCorrecting] = useState(false);
  if (data === undefined || names === undefined || now === undefined) return null;
  const nameOf = (id: string | null) =>
    id === null ? t('review.nobody') : (names.get(id) ?? t('entry.unknownPerson'));
  const props: DayPartProps = { data, timeZone: site.timeZone, incomingLeadMinutes: site.incomingLeadMinutes, nameOf };
  const over = isDayOver(day, site.timeZone, now);
  const first = data.reviews.find((r) => r.correctsId === null);
  const myName = nameOf(staffId);

  return (
    <div className="review-day">
      <div className="card-top">
        <h1>{t('review.day.title', { day })}</h1>
        <Button onClick={onBack}>{t('review.day.back')}</Button>
      </div>
      <DutyRecords {...props} />
      <SignedRecords {...props} />
      <DayFiguresPart data={data} />
      <FlaggedTimes {...props} />
      <OpenItems {...props} />
      <RefusedChanges {...props} />
      <SyncConflicts data={data} staffId={staffId} canSign={canSign} />
      <DailyReports {...props} />
      <SpotChecks {...props} staffId={staffId} canRecord={canSign && !over} />
      {first ? <SignedReview reviews={data.reviews} props={props} nameOf={nameOf} /> : null}
      {!canSign ? null : first === undefined ? (
        over ? (
          <SignPanel
            staffId={staffId}
            name={myName}
            day={day}
            timeZone={site.timeZone}
            correctsId={null}
            onSigned={() => undefined}
          />
        ) : (
          <section className="card review-sign">
            <Button variant="primary" disabled aria-describedby="review-not-over">
              {t('review.sign.submit')}
            </Button>
            <p id="review-not-over" className="field-hint">
              {t('review.sign.notOver')}
            </p>
          </section>
        )
      ) : correcting ? (
        <SignPanel
          staffId={staffId}
          name={myName}
          day={day}
          timeZone={site.timeZone}
          correctsId={first.id}
          onSigned={() => setCorrecting(false)}
          onCancel={() => setCorrecting(false)}
        />
      ) : (
        <Button onClick={() => setCorrecting(true)}>{t('review.signed.correct')}</Button>
      )}
    </div>
  );
}
