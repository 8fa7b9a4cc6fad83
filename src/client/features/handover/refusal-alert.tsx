import { useLiveQuery } from 'dexie-react-hooks';
import type { SyncError } from '../../../domain/entities';
import { listSyncErrors } from '../../db/queries';
import { refusedHandover } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { rejectReason } from '../../ui/sync-messages';
import { formatDateTime } from '../../ui/time';
import { useCorrectedNow } from '../../ui/use-now';
import { useSiteTimeZone } from '../../ui/use-site';

/** With no open duty, refusals this recent are still news to the person at the desk. */
const RECENT_MS = 12 * 3_600_000;

/**
 * The server's refusal of a signed handover this person was part of: of the handover on screen, or
 * one they signed (as either person) since their duty began, or in the last hours without a duty.
 * A refused record's new duty was taken off this tablet, so this is what explains it.
 */
function useRefusal(staffId: string, handoverId: string | null, since: number | null): SyncError | null | undefined {
  const db = useDb();
  // T1: refusals are stamped in server time, so "recent" is measured in server-corrected time.
  const nowMs = useCorrectedNow();
  const from = since ?? (nowMs === undefined ? undefined : nowMs - RECENT_MS);
  return useLiveQuery(async () => {
    if (from === undefined) return undefined;
    if (handoverId !== null) {
      const refused = await refusedHandover(db, handoverId);
      if (refused) return refused;
    }
    const involved = (e: SyncError) =>
      e.fields['incomingStaffId'] === staffId || e.fields['outgoingStaffId'] === staffId;
    const errors = await listSyncErrors(db);
    return errors.find((e) => e.table === 'handoverRecord' && e.recordedAt >= from && involved(e)) ?? null;
  }, [db, staffId, handoverId, from]);
}

/** "Already accepted on another tablet" (handover_taken), or the server's other reason. */
export function RefusalAlert(props: { staffId: string; handoverId: string | null; since: number | null }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const refusal = useRefusal(props.staffId, props.handoverId, props.since);
  if (!refusal) return null;
  const time = formatDateTime(refusal.recordedAt, timeZone);
  return (
    <div role="alert" className="form-error handover-refused">
      <strong>{refusal.code === 'handover_taken' ? t('handover.refused.taken') : t('handover.refused.other')}</strong>
      <span>
        {refusal.code === 'handover_taken'
          ? t('handover.refused.takenBody', { time })
          : t('handover.refused.otherBody', { time, reason: rejectReason(t, refusal.code) })}
      </span>
    </div>
  );
}
