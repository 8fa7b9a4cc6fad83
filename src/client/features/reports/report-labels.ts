/**
 * The labels of the report's figures (O2) and the per-person columns (O3), as catalogue keys, in
 * the order the screens, the print-out and the CSV show them.
 */
import type { PERSON_FIGURE_COLUMNS } from '../../../domain/person-figures';
import type { DayFigures } from '../../../domain/review-entities';
import type { MessageKey } from '../../i18n/en';

type Counted = Exclude<keyof DayFigures, 'byKind'>;

/** O2: the day's figures, each with its label. */
export const DAY_FIGURE_LABELS: readonly (readonly [Counted, MessageKey])[] = [
  ['entries', 'reports.fig.entries'],
  ['complaints', 'reports.fig.complaints'],
  ['repairs', 'reports.fig.repairs'],
  ['emergencies', 'reports.fig.emergencies'],
  ['discrepancies', 'reports.fig.discrepancies'],
  ['handoversOnTime', 'reports.fig.handoversOnTime'],
  ['handoversLate', 'reports.fig.handoversLate'],
  ['openings', 'reports.fig.openings'],
  ['closings', 'reports.fig.closings'],
  ['referred', 'reports.fig.referred'],
  ['open', 'reports.fig.open'],
  ['escalations', 'reports.fig.escalations'],
];

/** O3: the label of each per-person column. */
export const PERSON_COLUMN_LABELS: Record<(typeof PERSON_FIGURE_COLUMNS)[number], MessageKey> = {
  incomingOnTime: 'reports.col.incomingOnTime',
  incomingLate: 'reports.col.incomingLate',
  outgoingOnTime: 'reports.col.outgoingOnTime',
  outgoingLate: 'reports.col.outgoingLate',
  openings: 'reports.col.openings',
  closings: 'reports.col.closings',
  countsWithDiscrepancies: 'reports.col.countsWithDiscrepancies',
  entriesLogged: 'reports.col.entriesLogged',
  escalationsSent: 'reports.col.escalationsSent',
  resolved: 'reports.col.resolved',
  medianResolveMinutes: 'reports.col.medianResolveMinutes',
};
