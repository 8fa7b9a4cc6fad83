import { useId, type ReactNode } from 'react';
import { dayKeyOf } from '../../../domain/building-day';
import type { Site } from '../../../domain/entities';
import type { HandoverKind, HandoverRecord } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { ReviewFlagBadge } from '../../ui/review-flag-badge';
import { RecordFields } from '../../ui/signed-record/record-fields';
import { SignedBy } from '../../ui/signed-record/signed-by';
import { formatDateTime } from '../../ui/time';
import { useStaffNames } from '../../ui/use-staff';
import { RecordCountTable } from './record-count-table';
import { RecordBlockers, RecordCarried, RecordChecklist, RecordDuty } from './record-details';
import { KIND_LABELS, peopleText } from './record-facts';
import { useHistoryRecord } from './use-history-record';

/** "Desk opened by … at …" for the sole signature of an opening or closing; by role otherwise. */
const CAPTIONS: Record<HandoverKind, MessageKey | undefined> = {
  handover: undefined,
  opening: 'handover.signature.openedBy',
  closing: 'handover.signature.closedBy',
};

/** A titled part of the record, a section named by its heading. */
function Part(props: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`history-part ${props.className ?? ''}`} aria-labelledby={id}>
      <h3 id={id}>{props.title}</h3>
      {props.children}
    </section>
  );
}

/**
 * One signed handover, opening or closing read from the history (issue 8, O1), as the paper book
 * had it: its times against the schedule (H1), the checklist and notes, fitness and a substitute's
 * approval (H11(d)), what was carried over (H4, H5, H7), the blockers seen (H11), the final count
 * line by line (H8), the outgoing duty's entries by digest, the signatures (H3), its place in the
 * hash chain and its corrections (addenda). Read only: a correction is added on the handover screen.
 * Prints on A4 (print-history.css).
 */
export function HistoryRecord(props: { recordId: string; site: Site; onBack(): void }) {
  const { site } = props;
  const t = useT();
  const titleId = useId();
  const countId = useId();
  const data = useHistoryRecord(props.recordId);
  const names = useStaffNames();
  // Names first: a record read as "Unknown person" for a moment would alarm more than a blank.
  if (data === undefined || names === undefined) return null;
  const back = (
    <Button className="no-print" onClick={props.onBack}>
      <span aria-hidden="true">‹ </span>
      {t('history.back')}
    </Button>
  );
  if (data.row === null) {
    return (
      <section className="card history-card" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('history.title')}</h2>
        <p role="alert">{t('history.notFound')}</p>
        {back}
      </section>
    );
  }
  const { record, addenda, flags } = data.row;
  const tz = site.timeZone;
  const nameOf = (id: string | null) => (id === null ? t('common.none') : (names.get(id) ?? t('entry.unknownPerson')));
  const kind = t(KIND_LABELS[record.kind]);
  const day = dayKeyOf(record.signedAt, tz);

  return (
    <article className="card history-card history-record" aria-labelledby={titleId}>
      <div className="form-actions no-print">
        {back}
        <Button variant="primary" onClick={() => window.print()}>
          {t('history.print')}
        </Button>
      </div>
      <header className="history-record-header">
        <p className="history-print-title">{t('history.print.record', { building: site.name, kind, day })}</p>
        <h2 id={titleId}>
          {kind} · {formatDateTime(record.signedAt, tz)}
        </h2>
        <p>{peopleText(t, record, nameOf)}</p>
        <span className="badge badge-locked">{t('handover.record.locked')}</span>
      </header>
      {/* T1, H3: a signing time the server could not vouch for, or a desk opened without a handover. */}
      <ReviewFlagBadge flags={flags} timeZone={tz} nameOf={(id) => names.get(id)} />
      <Part title={t('history.section.times')}>
        <RecordFields record={record} site={site} name={nameOf} />
      </Part>
      <Part title={t('history.section.checklist')}>
        <RecordChecklist record={record} />
      </Part>
      {record.kind !== 'opening' ? (
        <Part title={t('history.section.carried')}>
          <RecordCarried record={record} entries={data.entries} tasks={data.tasks} timeZone={tz} />
        </Part>
      ) : null}
      <Part title={t('history.section.blockers')}>
        <RecordBlockers blockers={record.blockersSeen} />
      </Part>
      <section className="history-part" aria-labelledby={countId}>
        <h3 id={countId}>{t('history.section.count')}</h3>
        <RecordCountTable lines={record.count} photos={data.photos} captionId={countId} />
      </section>
      <Part title={t('history.section.duty')}>
        <RecordDuty record={record} entries={data.entries} name={nameOf(record.outgoingStaffId)} timeZone={tz} />
      </Part>
      <Part title={t('history.section.signatures')} className="history-signatures">
        <Signatures record={record} nameOf={nameOf} timeZone={tz} />
      </Part>
      <Part title={t('history.section.chain')}>
        <dl className="entry-fields history-chain">
          <div>
            <dt>{t('history.hash')}</dt>
            <dd>
              <code>{record.hash}</code>
            </dd>
          </div>
          <div>
            <dt>{t('history.prevHash')}</dt>
            <dd>
              <code>{record.prevHash}</code>
            </dd>
          </div>
        </dl>
      </Part>
      <Part title={t('history.section.addenda')}>
        {addenda.length === 0 ? <p className="empty">{t('history.addenda.none')}</p> : null}
        <ol className="amendments history-addenda" hidden={addenda.length === 0}>
          {addenda.map((a) => (
            <li key={a.id} className="history-addendum">
              <p className="meta">{t('history.addendum.by', { time: formatDateTime(a.signedAt, tz) })}</p>
              <p className="amendment-text">{a.note}</p>
              <Signatures record={a} nameOf={nameOf} timeZone={tz} />
              <p className="meta">
                {t('history.hash')} <code>{a.hash}</code>
              </p>
            </li>
          ))}
        </ol>
      </Part>
    </article>
  );
}

/** The handwritten signatures, each an `<img>` of its SVG (never markup in the page), kept whole on paper. */
function Signatures(props: { record: HandoverRecord; nameOf(id: string | null): string; timeZone: string }) {
  const { record, nameOf, timeZone } = props;
  return (
    <div className="handover-signatures">
      {record.signatures.map((s) => (
        <SignedBy
          key={s.role}
          signature={s}
          name={nameOf(s.staffId)}
          // The record's own day: a signature shows the date it was given unless it is that day.
          nowMs={record.signedAt}
          timeZone={timeZone}
          caption={CAPTIONS[record.kind]}
        />
      ))}
    </div>
  );
}
