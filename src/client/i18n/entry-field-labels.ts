import type { LogFieldErrors } from '../../domain/log-entry';
import type { MessageKey } from './en';

/**
 * The label of each duty-record entry field (F3, H6), as the entry form shows it and as the sync
 * panel names the field of a refused entry: one table, so both always say the same word.
 */
export const ENTRY_FIELD_LABELS = {
  kind: 'log.kind',
  severity: 'log.severity',
  status: 'log.status',
  cause: 'log.cause',
  process: 'log.process',
  result: 'log.result',
  party: 'log.party',
  contact: 'log.contact',
  location: 'log.location',
  occurredAt: 'log.occurredAt',
  referredTo: 'log.referredTo',
  operationEndedAt: 'log.operationEndedAt',
  backdateReason: 'log.backdateReason',
  channel: 'log.channel',
  partyType: 'log.partyType',
  unit: 'log.unit',
  assignedTo: 'log.assignedTo',
  completedAt: 'log.completedAt',
} as const satisfies Record<keyof LogFieldErrors, MessageKey>;
