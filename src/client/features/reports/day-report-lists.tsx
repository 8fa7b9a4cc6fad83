import { useId, type ReactNode } from 'react';
import { joinMinutesLate, recordDiscrepancies, type DayRows } from '../../../domain/day-figures';
import type { LogEntry } from '../../../domain/entities';
import type { HandoverRecord } from '../../../domain/handover-entities';
import { useT, type TFunction } from '../../i18n/use-t';
import { formatShort } from '../../ui/time';

interface ListProps {
  rows: DayRows;
  fromMs: number;
  timeZone: string;
  incomingLeadMinutes: number;
  nameOf(staffId: string | null): string;
}

function ListSection({ title, items }: { title: string; items: ReactNode[] }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="report-list" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {items.length === 0 ? (
        <p className="empty">{t('reports.list.empty')}</p>
      ) : (
        <ul aria-labelledby={headingId}>{items}</ul>
      )}
    </section>
  );
}

function entryLine(t: TFunction, e: LogEntry, fromMs: number, timeZone: string): string {
  const line = t('reports.entry.line', {
    time: formatShort(e.occurredAt, fromMs, timeZone),
    kind: t(`kind.${e.kind}`),
    cause: e.cause,
  });
  return e.status === 'referred' && e.referredTo !== ''
    ? `${line} (${t('reports.entry.referredTo', { department: e.referredTo })})`
    : line;
}

function recordLine(t: TFunction, r: HandoverRecord, props: ListProps): string {
  const time = formatShort(r.signedAt, props.fromMs, props.timeZone);
  const parts: string[] = [];
  if (r.kind === 'opening') parts.push(t('reports.record.opening', { time, name: props.nameOf(r.incomingStaffId) }));
  else if (r.kind === 'closing')
    parts.push(t('reports.record.closing', { time, name: props.nameOf(r.outgoingStaffId) }));
  else {
    parts.push(
      t('reports.record.handover', {
        time,
        outgoing: props.nameOf(r.outgoingStaffId),
        incoming: props.nameOf(r.incomingStaffId),
      }),
    );
    // H1: lateness is measured from the join, against the time the incoming person was due.
    const late = joinMinutesLate(r, props.incomingLeadMinutes);
    if (late !== null) parts.push(late > 0 ? t('reports.record.late', { minutes: late }) : t('reports.record.onTime'));
  }
  const missing = recordDiscrepancies(r);
  if (missing > 0) parts.push(t('reports.record.discrepancies', { count: missing }));
  return parts.join(' · ');
}

/**
 * O2: the lists behind the day's figures: the complaints, repairs and emergencies; the referred and
 * open items; the handovers, openings and closings with lateness (H1) and discrepancies (H8); the
 * escalations (D2, D3).
 */
export function DayReportLists(props: ListProps) {
  const t = useT();
  const { rows, fromMs, timeZone } = props;
  const live = rows.entries.filter((e) => !e.deleted).sort((a, b) => a.occurredAt - b.occurredAt);
  const matters = live.filter(
    (e) => e.kind === 'complaint' || e.kind === 'repair' || e.kind === 'emergency' || e.severity === 'emergency',
  );
  const pending = live.filter((e) => e.status === 'referred' || e.status === 'open');
  const records = rows.records
    .filter((r) => !r.deleted && r.correctsId === null)
    .sort((a, b) => a.signedAt - b.signedAt);
  const escalations = rows.escalations.filter((e) => !e.deleted).sort((a, b) => a.sentAt - b.sentAt);
  return (
    <div className="report-lists">
      <ListSection
        title={t('reports.list.matters')}
        items={matters.map((e) => (
          <li key={e.id}>{entryLine(t, e, fromMs, timeZone)}</li>
        ))}
      />
      <ListSection
        title={t('reports.list.pending')}
        items={pending.map((e) => (
          <li key={e.id}>
            {entryLine(t, e, fromMs, timeZone)} — {t(`status.${e.status}`)}
          </li>
        ))}
      />
      <ListSection
        title={t('reports.list.records')}
        items={records.map((r) => (
          <li key={r.id}>{recordLine(t, r, props)}</li>
        ))}
      />
      <ListSection
        title={t('reports.list.escalations')}
        items={escalations.map((e) => (
          <li key={e.id}>
            {t('reports.escalation.line', {
              time: formatShort(e.sentAt, fromMs, timeZone),
              name: props.nameOf(e.sentBy),
              reason: e.reason,
            })}{' '}
            ({t(e.level === 'manager' ? 'reports.escalation.manager' : 'reports.escalation.chief')})
          </li>
        ))}
      />
    </div>
  );
}
