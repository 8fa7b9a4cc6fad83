import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode } from 'react';
import type { Site } from '../../../domain/entities';
import type { HandoverKind, HandoverRecord } from '../../../domain/handover-entities';
import { listStaff } from '../../db/queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { RecordReviewFlags } from '../../ui/review-flag-badge';
import { formatDateTime } from '../../ui/time';
import { useNow } from '../../ui/use-now';
import type { MessageKey } from '../../i18n/en';
import { CorrectionDialog } from './correction-dialog';
import { RecordFields } from '../../ui/signed-record/record-fields';
import { SignedBy } from '../../ui/signed-record/signed-by';

const TITLES: Record<HandoverKind, MessageKey> = {
  handover: 'handover.record.title',
  opening: 'handover.record.titleOpening',
  closing: 'handover.record.titleClosing',
};
const CAPTIONS: Record<HandoverKind, MessageKey | undefined> = {
  handover: undefined,
  opening: 'handover.signature.openedBy',
  closing: 'handover.signature.closedBy',
};

export interface RecordViewProps {
  record: HandoverRecord;
  /** Addenda correcting it, oldest first. */
  corrections: HandoverRecord[];
  staffId: string;
  site: Site;
  /** The count screen (another feature, injected by the app); shown read-only for a signed count. */
  renderCount?(args: { handoverId: string; staffId: string }): ReactNode;
}

/**
 * A signed handover, opening or closing of the desk (H3), locked and part of the building's hash
 * chain: who handed over to whom (or opened, or closed the desk), scheduled and actual times, what
 * was counted and carried, who attested fitness and approved a cover, the signatures, and its
 * corrections. A correction is a new signed addendum; the record itself never changes.
 */
export function RecordView({ record, corrections, staffId, site, renderCount }: RecordViewProps) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const nowMs = useNow();
  const [correcting, setCorrecting] = useState(false);
  const [showCount, setShowCount] = useState(false);
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]);
  const timeZone = site.timeZone;
  const kind = record.kind ?? 'handover';
  const name = (id: string | null) =>
    id === null ? t('common.none') : (staff?.find((s) => s.id === id)?.name ?? t('entry.unknownPerson'));
  const when = (ms: number | null) => (ms === null ? t('common.none') : formatDateTime(ms, timeZone));
  // Names first: a record read as "Unknown person" for a moment would alarm more than a blank.
  if (!staff) return null;
  const people =
    kind === 'opening'
      ? t('handover.record.peopleOpening', { incoming: name(record.incomingStaffId) })
      : kind === 'closing'
        ? t('handover.record.peopleClosing', { outgoing: name(record.outgoingStaffId) })
        : t('handover.record.people', {
            outgoing: name(record.outgoingStaffId),
            incoming: name(record.incomingStaffId),
          });

  return (
    <section className="card handover-card handover-record" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t(TITLES[kind])}</h2>
        <span className="badge badge-locked">{t('handover.record.locked')}</span>
      </div>
      <p>{people}</p>
      {/* T1, H3: a signing time the server could not vouch for, or a desk opened without a handover. */}
      <RecordReviewFlags table="handoverRecord" rowId={record.id} timeZone={timeZone} />
      <RecordFields record={record} site={site} name={name} />
      <div className="handover-signatures">
        {record.signatures.map((s) => (
          <SignedBy
            key={s.role}
            signature={s}
            name={name(s.staffId)}
            nowMs={nowMs}
            timeZone={timeZone}
            caption={CAPTIONS[kind]}
          />
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
