import type { MessageKey } from '../../i18n/en';
import type { TFunction } from '../../i18n/use-t';
import type { Labels, RegisterColumn } from '../../../domain/register-columns';
import type { FilterError, RegisterName } from '../../../domain/register-filters';

/** The heading of each register column on screen and on paper. */
export const COLUMN_KEYS: Record<RegisterColumn, MessageKey> = {
  occurredAt: 'registers.col.occurredAt',
  channel: 'registers.col.channel',
  partyType: 'registers.col.partyType',
  party: 'registers.col.party',
  unit: 'registers.col.unit',
  contact: 'registers.col.contact',
  kind: 'registers.col.kind',
  cause: 'registers.col.cause',
  process: 'registers.col.process',
  result: 'registers.col.result',
  status: 'registers.col.status',
  serviceOrders: 'registers.col.serviceOrders',
  recordedBy: 'registers.col.recordedBy',
  location: 'registers.col.location',
  assignedTo: 'registers.col.assignedTo',
  completedAt: 'registers.col.completedAt',
  photos: 'registers.col.photos',
  entry: 'registers.col.entry',
  shift: 'registers.col.shift',
  severity: 'registers.col.severity',
};

export const TAB_KEYS: Record<RegisterName, MessageKey> = {
  tenants: 'registers.tab.tenants',
  repairs: 'registers.tab.repairs',
  duty: 'registers.tab.duty',
};

/** The paper register's own title (F1, F2, F3), printed at the top of each register. */
export const PAPER_KEYS: Record<RegisterName, MessageKey> = {
  tenants: 'registers.paper.tenants',
  repairs: 'registers.paper.repairs',
  duty: 'registers.paper.duty',
};

export const FILTER_ERROR_KEYS: Record<FilterError, MessageKey> = {
  badDate: 'registers.filter.error.badDate',
  reversed: 'registers.filter.error.reversed',
  unknown: 'registers.filter.error.unknown',
  tooLong: 'registers.filter.error.tooLong',
};

const CHOICE_PREFIX = {
  kind: 'kind.',
  severity: 'severity.',
  status: 'status.',
  channel: 'registers.channel.',
  partyType: 'registers.partyType.',
  orderStatus: 'registers.orders.status.',
} as const;

/** The tablet's words for the shared register cells (register-columns.ts `Labels`). */
export function tabletLabels(
  t: TFunction,
  nameOf: (id: string) => string | undefined,
  shiftName: (id: string) => string | undefined,
): Labels {
  return {
    choice: (group, value) => t(`${CHOICE_PREFIX[group]}${value}` as MessageKey),
    person: (id) => nameOf(id) ?? t('entry.unknownPerson'),
    shift: (id) => shiftName(id) ?? id,
  };
}
