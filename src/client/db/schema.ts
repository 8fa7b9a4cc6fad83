/**
 * The tablet's IndexedDB database: one schema file, versioned upgrades that are never edited once
 * shipped (STYLE.md #3). Records live here, not in zustand (STYLE.md #6).
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
  Conflict,
  Duty,
  Item,
  LogAmendment,
  LogEntry,
  Site,
  Staff,
  SyncError,
  SyncTable,
} from '../../domain/entities';
import type { Op } from '../../domain/sync-protocol';

/** A synced row as the tablet holds it: the entity plus the per-field versions it last saw. */
export type LocalRow<T> = T & { _versions: Record<string, number> };

/** Device-local facts, keyed by name. Never synced. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * An op as the outbox stores it. `_prev` is local-only (never sent): the row's values of the
 * patched fields just before this op, so a refused patch can be undone on screen (DESIGN.md
 * "nothing is dropped silently": the refused value lives on in the syncError row instead).
 */
export type OutboxOp = Op & { _prev?: Record<string, unknown> };

/** Wrong PIN attempts per person, for the offline lockout. Never synced. */
export interface PinAttemptsRow {
  staffId: string;
  failedAt: number[];
}

export class HandoverDb extends Dexie {
  site!: EntityTable<LocalRow<Site>, 'id'>;
  staff!: EntityTable<LocalRow<Staff>, 'id'>;
  duty!: EntityTable<LocalRow<Duty>, 'id'>;
  logEntry!: EntityTable<LocalRow<LogEntry>, 'id'>;
  logAmendment!: EntityTable<LocalRow<LogAmendment>, 'id'>;
  item!: EntityTable<LocalRow<Item>, 'id'>;
  syncError!: EntityTable<LocalRow<SyncError>, 'id'>;
  conflict!: EntityTable<LocalRow<Conflict>, 'id'>;
  /** The outbox: one op per local write, keyed by the device counter. */
  outbox!: EntityTable<OutboxOp, 'counter'>;
  meta!: EntityTable<MetaRow, 'key'>;
  pinAttempts!: EntityTable<PinAttemptsRow, 'staffId'>;

  constructor(name = 'handover-desk', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      site: 'id',
      staff: 'id, siteId, name',
      duty: 'id, siteId, staffId, startedAt, endedAt',
      logEntry: 'id, siteId, dutyId, occurredAt, kind, severity, status',
      logAmendment: 'id, entryId, recordedAt',
      item: 'id, siteId, category, code',
      // [deviceId+counter] finds the local copy of a refused op when the server's row arrives.
      syncError: 'id, recordedAt, deviceId, [deviceId+counter]',
      conflict: 'id, recordedAt',
      outbox: 'counter, [table+rowId]',
      meta: 'key',
      pinAttempts: 'staffId',
    });
  }

  /** The Dexie table holding a synced table's rows. */
  syncTable(table: SyncTable) {
    return this.table<LocalRow<Record<string, unknown>>, string>(table);
  }
}
