import { useLiveQuery } from 'dexie-react-hooks';
import type { SyncError } from '../../../domain/entities';
import { listSyncErrors } from '../../db/queries';
import { refusedHandover } from '../../db/queries/handover-queries';
import type { MessageKey } from '../../i18n/en';
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

const TITLES: Record<string, MessageKey> = {
  handover_taken: 'handover.refused.taken',
  duty_rule: 'handover.refused.dutyRule',
  gate_blocked: 'handover.refused.gate',
};

/**
 * The server's refusal of a signed record this person was part of, with its reason in the UI's
 * language: "already accepted on another tablet" (handover_taken), a duty already open or not this
 * record's to end (duty_rule, H3), something that forbids the handover (gate_blocked, H11), or the
 * server's other reason. Nothing is lost: the draft's answers and count are carried into the next
 * attempt (openHandover), and the refused record's content stays in the sync panel.
 */
export function RefusalAlert(props: { staffId: string; handoverId: string | null; since: number | null }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const refusal = useRefusal(props.staffId, props.handoverId, props.since);
  if (!refusal) return null;
  const time = formatDateTime(refusal.recordedAt, timeZone);
  const title = TITLES[refusal.code] ?? 'handover.refused.other';
  return (
    <div role="alert" className="form-error handover-refused">
      <strong>{t(title)}</strong>
      <span>
        {refusal.code === 'handover_taken'
          ? t('handover.refused.takenBody', { time })
          : t('handover.refused.otherBody', { time, reason: rejectReason(t, refusal.code) })}
      </span>
      {refusal.code === 'gate_blocked' || refusal.code === 'duty_rule' ? (
        <span>{t('handover.refused.again')}</span>
      ) : null}
    </div>
  );
}
