import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode } from 'react';
import type { HandoverRecord } from '../../../domain/handover-entities';
import { listStaff } from '../../db/queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { formatDateTime } from '../../ui/time';
import { useNow } from '../../ui/use-now';
import { CorrectionDialog } from './correction-dialog';
import { SignedBy } from './signature-block';

/** The first characters of a record's hash: enough to compare two tablets by eye. */
const SHORT_HASH = 12;

export interface RecordViewProps {
  record: HandoverRecord;
  /** Addenda correcting it, oldest first. */
  corrections: HandoverRecord[];
  staffId: string;
  timeZone: string;
  /** The count screen (another feature, injected by the app); shown read-only for a signed count. */
  renderCount?(args: { handoverId: string; staffId: string }): ReactNode;
}

/**
 * A signed handover (H3), locked and part of the building's hash chain: who handed over to whom,
 * scheduled and actual times, what was counted and carried, the override if any, both signatures,
 * and its corrections. A correction is a new signed addendum; the record itself never changes.
 */
export function RecordView({ record, corrections, staffId, timeZone, renderCount }: RecordViewProps) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const nowMs = useNow();
  const [correcting, setCorrecting] = useState(false);
  const [showCount, setShowCount] = useState(false);
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const name = (id: string | null) =>
    id === null ? t('common.none') : (staff?.find((s) => s.id === id)?.name ?? t('entry.unknownPerson'));
  const when = (ms: number | null) => (ms === null ? t('common.none') : formatDateTime(ms, timeZone));
  // Names first: a record read as "Unknown person" for a moment would alarm more than a blank.
  if (!staff) return null;
  const discrepancies = record.count.filter((c) => c.state !== 'present').length;
  const acknowledged = record.carried.acknowledged.length;

  return (
    <section className="card handover-card handover-record" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('handover.record.title')}</h2>
        <span className="badge badge-locked">{t('handover.record.locked')}</span>
      </div>
      <p>
        {t('handover.record.people', {
          outgoing: name(record.outgoingStaffId),
          incoming: name(record.incomingStaffId),
        })}
      </p>
      <dl className="entry-fields handover-record-fields">
        <div>
          <dt>{t('handover.record.scheduled')}</dt>
          <dd>{when(record.scheduledAt)}</dd>
        </div>
        <div>
          <dt>{t('handover.record.opened')}</dt>
          <dd>{when(record.openedAt)}</dd>
        </div>
        <div>
          <dt>{t('handover.record.signed')}</dt>
          <dd>{when(record.signedAt)}</dd>
        </div>
        <div>
          <dt>{t('handover.record.hash')}</dt>
          <dd>
            <code title={record.hash}>{`${record.hash.slice(0, SHORT_HASH)}…`}</code>
          </dd>
        </div>
        <div>
          <dt>{t('handover.record.count')}</dt>
          <dd>{t('handover.record.countSummary', { total: record.count.length, discrepancies })}</dd>
        </div>
        <div>
          <dt>{t('handover.record.carried')}</dt>
          <dd>
            {t('handover.record.carriedSummary', {
              tasks: record.carried.taskIds.length,
              acknowledged,
              events: record.carried.majorEntryIds.length,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('handover.record.fitness')}</dt>
          <dd>
            {record.fitness === 'unfit'
              ? t('handover.record.unfit', { substitute: name(record.substituteStaffId) })
              : t('handover.fitness.fit')}
          </dd>
        </div>
        <div>
          <dt>{t('handover.anomaly.question')}</dt>
          <dd>{record.anomalyAnswer || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('handover.synthesis')}</dt>
          <dd>{record.synthesis || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('handover.reviewNote')}</dt>
          <dd>{record.recordReviewNote || t('common.none')}</dd>
        </div>
      </dl>
      {record.override ? (
        <p className="callout">
          {t('handover.record.override', {
            name: name(record.override.staffId),
            time: when(record.override.at),
            reason: record.override.reason,
          })}
        </p>
      ) : null}
      <div className="handover-signatures">
        {record.signatures.map((s) => (
          <SignedBy key={s.role} signature={s} name={name(s.staffId)} nowMs={nowMs} timeZone={timeZone} />
        ))}
      </div>
      {corrections.length > 0 ? <h3>{t('handover.record.corrections')}</h3> : null}
      <ol className="amendments" hidden={corrections.length === 0}>
        {corrections.map((c) => (
          <li key={c.id}>
            <p className="meta">{t('handover.record.correctionBy', { time: when(c.signedAt) })}</p>
            <p className="amendment-text">{c.note}</p>
            <div className="handover-signatures">
              {c.signatures.map((s) => (
                <SignedBy key={s.role} signature={s} name={name(s.staffId)} nowMs={nowMs} timeZone={timeZone} />
              ))}
            </div>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        {renderCount ? (
          <Button aria-expanded={showCount} onClick={() => setShowCount((v) => !v)}>
            {showCount ? t('handover.record.hideCount') : t('handover.record.showCount')}
          </Button>
        ) : null}
        <Button onClick={() => setCorrecting(true)}>{t('handover.correction.open')}</Button>
      </div>
      {/* H3: the signed count as it was signed; any tap on it is refused with the locked message. */}
      {renderCount && showCount ? (
        <div className="handover-count">{renderCount({ handoverId: record.handoverId, staffId })}</div>
      ) : null}
      {correcting ? (
        <CorrectionDialog
          record={record}
          staffId={staffId}
          timeZone={timeZone}
          nameOf={name}
          onClose={() => setCorrecting(false)}
        />
      ) : null}
    </section>
  );
}
