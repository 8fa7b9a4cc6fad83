/**
 * What the history says about a signed record, as pure helpers: its kind's label, who handed over
 * to whom, the incoming person's lateness (H1) and the count's discrepancies (H8).
 */
import { isDiscrepancy } from '../../../domain/count-rules';
import type { HandoverKind, HandoverRecord, RecordCountLine } from '../../../domain/handover-entities';
import { joinLateness } from '../../../domain/lateness';
import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';

export const KIND_LABELS: Record<HandoverKind, MessageKey> = {
  handover: 'history.kind.handover',
  opening: 'history.kind.opening',
  closing: 'history.kind.closing',
};

/** H8: a line missing, damaged, or with fewer at the desk than expected less those lent. */
export function isLineDiscrepancy(line: RecordCountLine): boolean {
  return isDiscrepancy({ expectedQuantity: line.expected }, line, line.lent);
}

/** H8: how many of the record's final count lines are discrepancies. */
export function discrepancyCount(record: Pick<HandoverRecord, 'count'>): number {
  return record.count.filter(isLineDiscrepancy).length;
}

/** "Chan Tai Man to Wong Siu Ming", "Opened by …", "Closed by …". */
export function peopleText(t: TFunction, record: HandoverRecord, nameOf: (id: string | null) => string): string {
  if (record.kind === 'opening') return t('history.people.opening', { incoming: nameOf(record.incomingStaffId) });
  if (record.kind === 'closing') return t('history.people.closing', { outgoing: nameOf(record.outgoingStaffId) });
  return t('history.people.handover', {
    outgoing: nameOf(record.outgoingStaffId),
    incoming: nameOf(record.incomingStaffId),
  });
}

/**
 * H1: the incoming person's arrival, from the join against `incomingLeadMinutes` before the
 * scheduled change: "7 min late", "On time", "3 min early"; "Not measured" for an opening or a
 * closing (nobody joins) or a handover with no scheduled change.
 */
export function latenessText(t: TFunction, record: HandoverRecord, incomingLeadMinutes: number): string {
  const late = joinLateness(record, incomingLeadMinutes);
  if (late === null) return t('history.notMeasured');
  if (late > 0) return t('history.late', { minutes: late });
  if (late < 0) return t('history.early', { minutes: -late });
  return t('history.onTime');
}
