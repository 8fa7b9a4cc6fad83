import type { ReviewFlag } from '../../domain/entities';
import { useT, type TFunction } from '../i18n/use-t';
import { formatShort } from './time';
import { useReviewFlags } from './use-review-flags';
import { useStaffNames } from './use-staff';

/**
 * What a review flag says (T1, H3), in the building's zone: "Time in doubt: stamped 10:02, server
 * received 13:15", or "Desk opened by Chan Tai Man at 09:03 without a handover". The stamp shows
 * its date when it is not on the day the server received it; the receipt time shows its date when
 * it is not on `sameDayAs` (default: its own day).
 */
export function reviewFlagText(
  t: TFunction,
  flag: ReviewFlag,
  opts: { timeZone: string; sameDayAs?: number; nameOf?: (staffId: string) => string | undefined },
): string {
  const { timeZone } = opts;
  const received = formatShort(flag.receivedAt, opts.sameDayAs ?? flag.receivedAt, timeZone);
  if (flag.kind === 'deskOpened') {
    const name = opts.nameOf?.(flag.actorStaffId) ?? t('entry.unknownPerson');
    const at = flag.stampedAt ?? flag.receivedAt;
    return t('flag.deskOpened', { name, time: formatShort(at, opts.sameDayAs ?? at, timeZone) });
  }
  if (flag.stampedAt === null) return t('flag.timeInDoubt.noStamp', { received });
  return t('flag.timeInDoubt', { stamped: formatShort(flag.stampedAt, flag.receivedAt, timeZone), received });
}

export interface ReviewFlagBadgeProps {
  flags: readonly ReviewFlag[];
  timeZone: string;
  sameDayAs?: number;
  nameOf?: (staffId: string) => string | undefined;
}

/**
 * The server's flags on one record (an entry, a signed record), shown on the record itself: kept
 * but not vouched for, for the section chief to judge (T1, O1). Nothing when there is none.
 */
export function ReviewFlagBadge({ flags, timeZone, sameDayAs, nameOf }: ReviewFlagBadgeProps) {
  const t = useT();
  if (flags.length === 0) return null;
  const opts = { timeZone, ...(sameDayAs !== undefined ? { sameDayAs } : {}), ...(nameOf ? { nameOf } : {}) };
  return (
    <ul className="review-flags">
      {flags.map((f) => (
        <li key={f.id} className={`review-flag review-flag-${f.kind}`}>
          {reviewFlagText(t, f, opts)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The flags on the record `rowId` of `table`, read live from this tablet (they arrive by pull),
 * with the names of the people they mention. For screens that show one record, e.g. the handover's
 * signed-record view: `<RecordReviewFlags table="handoverRecord" rowId={record.id} timeZone={tz} />`.
 */
export function RecordReviewFlags(props: { table: string; rowId: string; timeZone: string; sameDayAs?: number }) {
  const flags = useReviewFlags(props.table, props.rowId);
  const names = useStaffNames();
  if (!flags) return null;
  return (
    <ReviewFlagBadge
      flags={flags}
      timeZone={props.timeZone}
      {...(props.sameDayAs !== undefined ? { sameDayAs: props.sameDayAs } : {})}
      nameOf={(id) => names?.get(id)}
    />
  );
}
