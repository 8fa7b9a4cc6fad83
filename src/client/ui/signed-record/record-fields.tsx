import type { Site } from '../../../domain/entities';
import type { HandoverRecord } from '../../../domain/handover-entities';
import { useT } from '../../i18n/use-t';
import { incomingExpectedAt, minutesLate, opensAt } from '../../../domain/lateness';
import { formatDateTime } from '../time';

/** The first characters of a record's hash: enough to compare two tablets by eye. */
const SHORT_HASH = 12;

/** "18:12 (17 min late, due 17:55)": an actual time against when it was due (H1). */
function useAgainst(site: Pick<Site, 'timeZone'>) {
  const t = useT();
  return (at: number | null, due: number | null) => {
    if (at === null) return t('common.none');
    const time = formatDateTime(at, site.timeZone);
    if (due === null) return time;
    const late = minutesLate(due, at);
    const dueText = formatDateTime(due, site.timeZone);
    if (late > 0) return t('handover.record.late', { time, minutes: late, due: dueText });
    if (late < 0) return t('handover.record.early', { time, minutes: -late, due: dueText });
    return t('handover.record.onTime', { time, due: dueText });
  };
}

/**
 * The facts of a signed record (H1, H3, H5, H8, H11(d)): scheduled and actual times (preparation
 * start against `outgoingLeadMinutes`, the incoming person's arrival against `incomingLeadMinutes`
 * before the change), the count, what was carried, who attested fitness and who approved the cover.
 */
export function RecordFields({
  record,
  site,
  name,
}: {
  record: HandoverRecord;
  site: Site;
  name(id: string | null): string;
}) {
  const t = useT();
  const against = useAgainst(site);
  const when = (ms: number | null) => (ms === null ? t('common.none') : formatDateTime(ms, site.timeZone));
  const kind = record.kind ?? 'handover';
  const s = record.scheduledAt;
  const discrepancies = record.count.filter((c) => c.state !== 'present').length;
  const approval = record.substituteApproval ?? null;
  const row = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );

  return (
    <dl className="entry-fields handover-record-fields">
      {row(t('handover.record.scheduled'), when(s))}
      {row(
        t(kind === 'opening' ? 'handover.record.openedDesk' : 'handover.record.opened'),
        kind === 'opening'
          ? when(record.openedAt)
          : against(record.openedAt, s === null ? null : opensAt(s, site.outgoingLeadMinutes)),
      )}
      {kind === 'handover'
        ? row(
            t('handover.record.joined'),
            against(record.joinedAt ?? null, s === null ? null : incomingExpectedAt(s, site.incomingLeadMinutes)),
          )
        : null}
      {row(t('handover.record.signed'), when(record.signedAt))}
      <div>
        <dt>{t('handover.record.hash')}</dt>
        <dd>
          <code title={record.hash}>{`${record.hash.slice(0, SHORT_HASH)}…`}</code>
        </dd>
      </div>
      {row(
        t('handover.record.count'),
        t('handover.record.countSummary', { total: record.count.length, discrepancies }),
      )}
      {kind !== 'opening'
        ? row(
            t('handover.record.carried'),
            t('handover.record.carriedSummary', {
              tasks: record.carried.taskIds.length,
              acknowledged: record.carried.acknowledged.length,
              events: record.carried.majorEntryIds.length,
            }),
          )
        : null}
      {kind === 'handover'
        ? row(
            t('handover.record.fitness'),
            record.fitness === 'unfit'
              ? t('handover.record.unfit', { substitute: name(record.substituteStaffId) })
              : t('handover.fitness.fit'),
          )
        : null}
      {kind === 'handover' && (record.fitnessAttestedBy ?? null) !== null
        ? row(t('handover.record.attestedBy'), name(record.fitnessAttestedBy ?? null))
        : null}
      {approval
        ? row(
            t('handover.record.approval'),
            approval.swapRequestId !== null
              ? t('handover.record.approvedByCover')
              : t('handover.record.approvedOnSpot', {
                  chief: name(approval.chiefStaffId),
                  chiefAt: when(approval.chiefAt),
                  manager: name(approval.managerStaffId),
                  managerAt: when(approval.managerAt),
                }),
          )
        : null}
      {kind === 'handover' ? row(t('handover.anomaly.question'), record.anomalyAnswer || t('common.none')) : null}
      {kind === 'handover' ? row(t('handover.synthesis'), record.synthesis || t('common.none')) : null}
      {kind === 'handover' ? row(t('handover.reviewNote'), record.recordReviewNote || t('common.none')) : null}
    </dl>
  );
}
