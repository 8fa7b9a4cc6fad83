import { isDayKey } from '../../../domain/building-day';
import { useT } from '../../i18n/use-t';
import { usePathDetail } from '../../state/routes';
import { useSite } from '../../ui/use-site';
import { useStaffMember } from '../../ui/use-staff';
import { ReviewDayView } from './review-day';
import { ReviewQueueView } from './review-queue';

/**
 * O1: the section chief's daily review: `/review` is the queue of building days, `/review/<day>`
 * one day with everything to check, the conflicts to resolve, spot checks and the sign-off. The
 * chief signs; the manager and admins may read it; a desk person is refused (the server refuses a
 * desk person's review with 403 `forbidden_role` as well: WRITE_POLICY.dayReview).
 */
export function ReviewScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const site = useSite();
  const me = useStaffMember(staffId);
  const [detail, setDetail] = usePathDetail('review');
  // Days are the building's: never fall back to the tablet's own zone (T1).
  if (site === undefined || me === undefined) return null;
  if (me === null || me.role === 'desk') {
    return (
      <section className="card" aria-labelledby="review-refused">
        <h2 id="review-refused">{t('review.title')}</h2>
        <p role="alert" className="form-error">
          {t('review.refused')}
        </p>
      </section>
    );
  }
  const canSign = me.role === 'chief';
  const day = detail !== null && isDayKey(detail) ? detail : null;
  if (day === null) return <ReviewQueueView site={site} onOpen={(d) => setDetail(d, { push: true })} />;
  return (
    <ReviewDayView
      key={day}
      day={day}
      site={site}
      staffId={staffId}
      canSign={canSign}
      onBack={() => setDetail(null, { push: true })}
    />
  );
}
