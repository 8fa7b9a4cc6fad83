/**
 * Writes rows straight into the store, as the server stores them after accepting a tablet's op:
 * per-field versions at 1, the row's HLC, its receipt time; a signed record (handover record or day
 * review) hashed with the server's own function (chain.ts, via signed-records.ts), added to the
 * building's chain and, for a handover record, locking its draft and outgoing duty (H3).
 *
 * The demo's 18 months of history go this way rather than through the push service: re-checking
 * the gate for a thousand handovers would make `npm run demo` (and the end-to-end tests that run
 * it) take minutes. The writer builds the rows at once (it reads nothing from the store) and keeps
 * the writes in order; `flush(tx)` stores them inside the caller's `store.transaction`.
 */
import { formatHlc } from '../src/domain/hlc';
import { ENTITY_SCHEMAS, type SyncTable } from '../src/domain/entities';
import type { RowLock, StoreTx } from '../src/server/store/store';
import { recordHash } from '../src/server/sync/signed-records';
import { initialVersions } from '../src/server/sync/server-rows';

/** One store write the writer holds until `flush`. */
type PendingWrite =
  | { kind: 'row'; table: SyncTable; row: Record<string, unknown>; versions: Record<string, number>; at: number }
  | { kind: 'chain'; hash: string; recordId: string }
  | { kind: 'lock'; lock: RowLock };

/** Writes rows of one building; `deviceId` is the HLC node of every row written. */
export class DirectWriter {
  private last = 0;
  private counter = 0;
  private pending: PendingWrite[] = [];
  /** The building's newest chained hash (the next signed record's `prevHash`). */
  head: string;

  constructor(
    readonly siteId: string,
    private readonly deviceId: string,
    head: string,
    /** Parse every row with its table's schema first (the demo), so no row is one a tablet would refuse. */
    private readonly validate = false,
  ) {
    this.head = head;
  }

  private hlc(at: number): string {
    this.counter = at > this.last ? 0 : this.counter + 1;
    this.last = Math.max(this.last, at);
    return formatHlc({ wallMs: this.last, counter: this.counter, node: this.deviceId });
  }

  /** Store `fields` (without updatedAt/deleted) as a row received at `at`; returns the whole row. */
  put(
    table: SyncTable,
    fields: Record<string, unknown>,
    at: number,
    versions?: Record<string, number>,
  ): Record<string, unknown> {
    const updatedAt = this.hlc(at);
    const whole = { ...fields, updatedAt, deleted: false };
    const row = this.validate ? (ENTITY_SCHEMAS[table].parse(whole) as Record<string, unknown>) : whole;
    this.pending.push({ kind: 'row', table, row, versions: versions ?? initialVersions(row), at });
    return row;
  }

  /** A follow-up written later through sync: the changed fields' versions go up (docs "Conflicts"). */
  patch(table: SyncTable, row: Record<string, unknown>, fields: Record<string, unknown>, at: number) {
    const versions = initialVersions(row);
    for (const f of Object.keys(fields)) versions[f] = (versions[f] ?? 0) + 1;
    const { updatedAt: _u, deleted: _d, ...rest } = row;
    return this.put(table, { ...rest, ...fields }, at, versions);
  }

  /**
   * Sign a record (H3) or a day review (O1) on top of the chain's head: `prevHash` and `hash` are
   * set here. A handover record (not an addendum) locks its draft and its outgoing duty.
   */
  sign(table: 'handoverRecord' | 'dayReview', fields: Record<string, unknown>, at: number): Record<string, unknown> {
    const content = { ...fields, prevHash: this.head };
    const hash = recordHash(content);
    const row = this.put(table, { ...content, hash }, at);
    if (recordHash(row) !== hash)
      throw new Error(`${table} ${String(fields['id'])}: the schema changed the signed content`);
    this.pending.push({ kind: 'chain', hash, recordId: String(fields['id']) });
    this.head = hash;
    if (table === 'handoverRecord' && fields['correctsId'] === null) {
      const recordId = String(fields['id']);
      const lock = (t: string, id: string): PendingWrite => ({
        kind: 'lock',
        lock: { siteId: this.siteId, table: t, id, recordId },
      });
      this.pending.push(lock('handover', String(fields['handoverId'])));
      if (typeof fields['outgoingDutyId'] === 'string') this.pending.push(lock('duty', fields['outgoingDutyId']));
    }
    return row;
  }

  /** Store every write made so far, in order, in the caller's transaction of this building. */
  async flush(tx: StoreTx): Promise<void> {
    const writes = this.pending;
    this.pending = [];
    for (const w of writes) {
      if (w.kind === 'row') {
        await tx.writeRow<SyncTable>({
          siteId: this.siteId,
          table: w.table,
          id: String(w.row['id']),
          row: w.row,
          versions: w.versions,
          updatedHlc: String(w.row['updatedAt']),
          deleted: false,
          receivedAt: w.at,
        });
      } else if (w.kind === 'chain') {
        await tx.addChainLink(this.siteId, w.hash, w.recordId);
      } else {
        await tx.lockRow(w.lock);
      }
    }
  }
}
