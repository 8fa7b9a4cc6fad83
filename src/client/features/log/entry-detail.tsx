import { useId } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Dialog } from '../../ui/dialog';
import { EntryStatusBadges } from '../../ui/entry-status-badge';
import { EscalationPanel } from '../../ui/escalation-panel';
import { PhotoThumb } from '../../ui/photo-thumb';
import { RecordReviewFlags } from '../../ui/review-flag-badge';
import { formatDateTime } from '../../ui/time';
import { AmendForm, OperationEndPanel, ReferForm } from './entry-detail-forms';
import { ServiceOrdersPanel } from './entry-detail-orders';
import { RegisterFieldRows, RepairProgressPanel } from './entry-detail-registers';
import { FIELD_LABELS, kindKey, severityKey } from './log-labels';
import { useEntryDetail } from './use-entry-detail';
import { useOperationEnd } from './use-operation-end';

const SHOWN_FIELDS = ['cause', 'process', 'result', 'party', 'contact', 'location'] as const;

/**
 * An entry as recorded, its amendments oldest first, and the forms to add one, resolve it, refer
 * it to a department (H4) or record the end of an equipment operation (H11(b)). The server's review
 * flags on it (T1) show under its badges.
 */
export function EntryDetail(props: { entryId: string; staffId: string; timeZone: string; onClose(): void }) {
  const t = useT();
  const { timeZone } = props;
  const amendmentsTitleId = useId();
  const d = useEntryDetail(props.entryId, props.staffId);
  const end = useOperationEnd(props.entryId, props.staffId, timeZone);
  const entry = d.entry;
  const who = (id: string) => d.nameOf(id) ?? t('entry.unknownPerson');

  if (entry === undefined) return null;
  if (entry === null) {
    return (
      <Dialog title={t('entry.notFound')} onClose={props.onClose}>
        <p>{t('entry.notFound')}</p>
      </Dialog>
    );
  }
  const inProgress = entry.kind === 'equipmentOp' && entry.operationEndedAt === null;

  return (
    <Dialog
      title={t('entry.title', { kind: t(kindKey(entry.kind)), time: formatDateTime(entry.occurredAt, timeZone) })}
      onClose={props.onClose}
      wide
    >
      <p className="badges">
        <span className={`badge badge-${entry.severity}`}>{t(severityKey(entry.severity))}</span>
        <EntryStatusBadges entry={entry} timeZone={timeZone} sameDayAs={entry.occurredAt} />
      </p>
      <RecordReviewFlags table="logEntry" rowId={entry.id} timeZone={timeZone} sameDayAs={entry.occurredAt} />
      <dl className="entry-fields">
        {SHOWN_FIELDS.map((f) => (
          <div key={f}>
            <dt>{t(FIELD_LABELS[f])}</dt>
            <dd>{entry[f] || t('common.none')}</dd>
          </div>
        ))}
        <IssueSevenFields entry={entry} timeZone={timeZone} />
        <RegisterFieldRows entry={entry} timeZone={timeZone} />
      </dl>
      <p className="meta">
        {t('entry.recordedBy', { name: who(entry.staffId), time: formatDateTime(entry.recordedAt, timeZone) })}
      </p>
      {d.photos && d.photos.length > 0 ? (
        <section className="entry-photos" aria-label={t('entry.photos')}>
          {d.photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} />
          ))}
        </section>
      ) : null}
      <EscalationPanel entryId={entry.id} staffId={props.staffId} timeZone={timeZone} />
      <RepairProgressPanel key={entry.id} entry={entry} staffId={props.staffId} timeZone={timeZone} />
      <ServiceOrdersPanel entry={entry} staffId={props.staffId} />
      {inProgress ? <OperationEndPanel end={end} closeError={d.errors.operationEndedAt} /> : null}

      <h3 id={amendmentsTitleId}>{t('entry.amendments')}</h3>
      {d.amendments && d.amendments.length === 0 ? <p className="empty">{t('entry.noAmendments')}</p> : null}
      <ol className="amendments" aria-labelledby={amendmentsTitleId}>
        {d.amendments?.map((a) => (
          <li key={a.id}>
            <p className="meta">
              {t('entry.amendment.by', { name: who(a.staffId), time: formatDateTime(a.recordedAt, timeZone) })}
              {a.statusChange ? (
                <span className={`badge badge-${a.statusChange}`}>
                  {a.statusChange === 'resolved'
                    ? t('entry.amendment.resolved')
                    : a.statusChange === 'referred'
                      ? t('entry.amendment.referred')
                      : t('entry.amendment.reopened')}
                </span>
              ) : null}
            </p>
            <p className="amendment-text">{a.text}</p>
          </li>
        ))}
      </ol>
      {d.mode === 'refer' ? <ReferForm d={d} /> : <AmendForm d={d} entry={entry} />}
    </Dialog>
  );
}

/** The department of a referral (H4), the end of an operation (H11(b)) and a backdate reason (T1). */
function IssueSevenFields({ entry, timeZone }: { entry: LogEntry; timeZone: string }) {
  const t = useT();
  const rows: { label: string; value: string }[] = [];
  if (entry.status === 'referred' && entry.referredTo.trim() !== '') {
    rows.push({ label: t('log.referredTo'), value: entry.referredTo });
  }
  if (entry.operationEndedAt !== null) {
    rows.push({ label: t('log.operationEndedAt'), value: formatDateTime(entry.operationEndedAt, timeZone) });
  }
  if (entry.backdateReason.trim() !== '') rows.push({ label: t('log.backdateReason'), value: entry.backdateReason });
  return rows.map((r) => (
    <div key={r.label}>
      <dt>{r.label}</dt>
      <dd>{r.value}</dd>
    </div>
  ));
}
