/**
 * The tablet's IndexedDB database: one schema file, versioned upgrades that are never edited once
 * shipped (STYLE.md #3). Records live here, not in zustand (STYLE.md #6).
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  Conflict,
  Duty,
  Item,
  LogAmendment,
  LogEntry,
  ReviewFlag,
  Site,
  Staff,
  SyncError,
  SyncTable,
} from '../../domain/entities';
import type { CountLine, Handover, HandoverRecord, Photo } from '../../domain/handover-entities';
import type { ItemMovement } from '../../domain/item-entities';
import type { RotaShift, SwapRequest } from '../../domain/rota-entities';
import type { Acknowledgement, Task, TaskNote } from '../../domain/task-entities';
import type { Op } from '../../domain/sync-protocol';
import type {
  ConflictResolution,
  DailyReport,
  DayReview,
  Escalation,
  ServiceOrder,
  SpotCheck,
} from '../../domain/review-entities';

/** A synced row as the tablet holds it: the entity plus the per-field versions it last saw. */
export type LocalRow<T> = T & { _versions: Record<string, number> };

/** Device-local facts, keyed by name. Never synced. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * An op as the outbox stores it. `_prev` is local-only (never sent): the row's values of the
 * patched fields just before this op, so a refused patch can be undone on screen (docs/architecture.md
 * "nothing is dropped silently": the refused value lives on in the syncError row instead).
 */
export type OutboxOp = Op & {
  _prev?: Record<string, unknown>;
  /**
   * Issue 9 §1: an acknowledged op put back in the outbox because a restored server no longer had
   * it (sync-store.ts requeueFrom). Local only; its counter and proof are the original ones.
   */
  _resent?: true;
};

/**
 * Issue 9 §1: an op the server acknowledged, kept as sent (counter and proof included) for
 * ACKED_OP_RETENTION_DAYS so it can be resent to a server restored from an older backup. A table of
 * its own, so the outbox stays the small set of unsent ops that its queries and counts read.
 */
export type SentOpRow = Op & { ackedAt: number };

/**
 * A photo's bytes on this tablet, content-addressed (never synced as a row: uploaded to and fetched
 * from `/api/v1/photos/:sha256`). Stored as an ArrayBuffer, which every engine's IndexedDB keeps.
 * `uploaded` is 0 until the server has the bytes (a number, because IndexedDB cannot index booleans).
 */
export interface PhotoBlobRow {
  sha256: string;
  mime: string;
  data: ArrayBuffer;
  uploaded: 0 | 1;
  /**
   * Set when the server refused the bytes for good (400, 403, 413, 415): not offered for upload
   * again, but kept and shown (uploaded stays 0). Not indexed, so the schema version is unchanged.
   */
  refusal?: PhotoUploadRefusal;
  /**
   * When the last upload failed for now (5xx, 429, 409...): the next runs try the others first.
   * Not indexed either.
   */
  triedAt?: number;
}

/** Why the server refused a photo's bytes for good, as recorded on its blob. */
export interface PhotoUploadRefusal {
  status: number;
  code: string;
  message: string;
  at: number;
}

/** Wrong PIN attempts per person, for the offline lockout. Never synced. */
export interface PinAttemptsRow {
  staffId: string;
  failedAt: number[];
  /** Lockouts lifted by a section chief or manager with their PIN (pin-repo unlockPin); not indexed. */
  unlocks?: { by: string; at: number }[];
}

/**
 * A half-written form, kept on this tablet for the person who typed it (issue 7: nothing typed is
 * lost to a screen switch, an idle sign-out, a reload or a closed tab). Never synced, no outbox op.
 * `value` is the form's own draft object, as structured clone stores it.
 */
export interface FormDraftRow {
  staffId: string;
  formId: string;
  value: unknown;
  savedAt: number;
}

export class HandoverDb extends Dexie {
  site!: EntityTable<LocalRow<Site>, 'id'>;
  staff!: EntityTable<LocalRow<Staff>, 'id'>;
  duty!: EntityTable<LocalRow<Duty>, 'id'>;
  logEntry!: EntityTable<LocalRow<LogEntry>, 'id'>;
  logAmendment!: EntityTable<LocalRow<LogAmendment>, 'id'>;
  item!: EntityTable<LocalRow<Item>, 'id'>;
  syncError!: EntityTable<LocalRow<SyncError>, 'id'>;
  reviewFlag!: EntityTable<LocalRow<ReviewFlag>, 'id'>;
  conflict!: EntityTable<LocalRow<Conflict>, 'id'>;
  itemMovement!: EntityTable<LocalRow<ItemMovement>, 'id'>;
  task!: EntityTable<LocalRow<Task>, 'id'>;
  taskNote!: EntityTable<LocalRow<TaskNote>, 'id'>;
  acknowledgement!: EntityTable<LocalRow<Acknowledgement>, 'id'>;
  rotaShift!: EntityTable<LocalRow<RotaShift>, 'id'>;
  swapRequest!: EntityTable<LocalRow<SwapRequest>, 'id'>;
  handover!: EntityTable<LocalRow<Handover>, 'id'>;
  countLine!: EntityTable<LocalRow<CountLine>, 'id'>;
  handoverRecord!: EntityTable<LocalRow<HandoverRecord>, 'id'>;
  photo!: EntityTable<LocalRow<Photo>, 'id'>;
  escalation!: EntityTable<LocalRow<Escalation>, 'id'>;
  dayReview!: EntityTable<LocalRow<DayReview>, 'id'>;
  spotCheck!: EntityTable<LocalRow<SpotCheck>, 'id'>;
  conflictResolution!: EntityTable<LocalRow<ConflictResolution>, 'id'>;
  dailyReport!: EntityTable<LocalRow<DailyReport>, 'id'>;
  serviceOrder!: EntityTable<LocalRow<ServiceOrder>, 'id'>;
  photoBlob!: EntityTable<PhotoBlobRow, 'sha256'>;
  /** T1, H3: records the server kept but flagged for the section chief (written by the server only). */
  /** The outbox: one op per local write, keyed by the device counter. */
  outbox!: EntityTable<OutboxOp, 'counter'>;
  /** Issue 9 §1: acknowledged ops kept for a restored server, by [deviceId+counter]. */
  sentOps!: Table<SentOpRow, [string, number]>;
  meta!: EntityTable<MetaRow, 'key'>;
  pinAttempts!: EntityTable<PinAttemptsRow, 'staffId'>;
  formDraft!: Table<FormDraftRow, [string, string]>;

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
    // Version 1 shipped with issue 2 and is never edited. Version 2 (issue 3: the handover) adds
    // the item movements, the carry-over register, the rota, the handover and its count, signed
    // records and photos; duties gain `handoverId` (null for the duties already recorded).
    this.version(2)
      .stores({
        itemMovement: 'id, siteId, itemId, kind, closesId, occurredAt',
        task: 'id, siteId, status, kind, sourceId',
        taskNote: 'id, taskId, recordedAt',
        acknowledgement: 'id, taskId, staffId, handoverId',
        rotaShift: 'id, siteId, day, staffId, startsAt',
        swapRequest: 'id, siteId, status, rotaShiftId, requesterId',
        handover: 'id, siteId, outgoingDutyId, status, openedAt',
        countLine: 'id, handoverId, itemId, recordedAt, [handoverId+itemId]',
        handoverRecord: 'id, siteId, handoverId, outgoingDutyId, signedAt, hash',
        photo: 'id, sha256, ownerId, [ownerTable+ownerId]',
        photoBlob: 'sha256, uploaded',
      })
      .upgrade((tx) =>
        tx
          .table('duty')
          .toCollection()
          .modify((d: Record<string, unknown>) => {
            if (!('handoverId' in d)) d['handoverId'] = null;
          }),
      );
    // Version 3 (issue 7): the server's review flags (T1: a time in doubt, a desk opened without a
    // handover), pulled like syncError rows, and the drafts of half-written forms, one per person
    // and form, local only. Nothing earlier changes, so there is no upgrade function.
    this.version(3).stores({
      reviewFlag: 'id, siteId, rowId, kind, recordedAt',
      formDraft: '[staffId+formId], staffId',
    });
    // Version 4 (issue 8): what the section chief and the manager work with: escalations (D2, D3),
    // the signed day reviews, spot checks and conflict resolutions (O1), daily reports (O2) and
    // paid-service orders (F1). New tables only, so there is no upgrade function.
    this.version(4).stores({
      escalation: 'id, siteId, entryId, level, sentAt, acknowledgedAt, decidedAt',
      dayReview: 'id, siteId, day, signedAt, hash',
      spotCheck: 'id, siteId, checkedAt',
      conflictResolution: 'id, siteId, conflictId',
      dailyReport: 'id, siteId, day',
      serviceOrder: 'id, siteId, entryId, status, issuedAt',
    });
    // Version 5 (issue 9 §1): acknowledged ops kept for ACKED_OP_RETENTION_DAYS, keyed by device and
    // counter (a re-enrolled tablet's new counters never collide with the old device's), pruned by
    // `ackedAt`. A new table only, so there is no upgrade function: ops acknowledged before this
    // version were not kept.
    this.version(5).stores({
      sentOps: '[deviceId+counter], ackedAt',
    });
  }

  /** The Dexie table holding a synced table's rows. */
  syncTable(table: SyncTable) {
    return this.table<LocalRow<Record<string, unknown>>, string>(table);
  }
}
