/**
 * The rows of a building the server re-checks a signed record against (H11, H4, H8, S1), as it
 * holds them now and as the signing tablet knew them. A row was known to the tablet when its
 * sequence is at or below the record's `syncCursor` (the tablet had pulled it) or its last write
 * came from that tablet (its own earlier ops). The last writer is the node of the row's HLC: a
 * tablet stamps every op with its device id as the node (hlc.ts, client/db/write.ts) and the
 * server its own rows with 'server'; a tablet that lied about it could as well send a lower
 * cursor, so the node is exactly as trustworthy as the cursor it completes.
 */
import type { Item, LogEntry, Staff, SyncTable } from '../../domain/entities';
import type { GateEntry } from '../../domain/gate';
import { parseHlc } from '../../domain/hlc';
import type { ItemMovement } from '../../domain/item-entities';
import type { RotaShift, SwapRequest } from '../../domain/rota-entities';
import type { Acknowledgement, Task } from '../../domain/task-entities';
import type { StoredRow, StoreReads } from '../store/store';

/** The stored rows the gate reads, by what they are for. */
export interface StoredBuilding {
  /** Open entries and every equipment operation (H11(a), H11(b)). */
  entries: StoredRow[];
  /** Open tasks (H4, H7). */
  tasks: StoredRow[];
  /** The incoming person's read receipts (H7). */
  acks: StoredRow[];
  items: StoredRow[];
  movements: StoredRow[];
  rota: StoredRow[];
  swaps: StoredRow[];
  staff: StoredRow[];
}

/** The same rows as typed entities. */
export interface BuildingRows {
  entries: GateEntry[];
  tasks: Task[];
  acks: Acknowledgement[];
  items: Item[];
  movements: ItemMovement[];
  rota: RotaShift[];
  swaps: SwapRequest[];
  staff: Staff[];
}

async function live(store: StoreReads, siteId: string, table: SyncTable): Promise<StoredRow[]> {
  return (await store.listRows<SyncTable>(siteId, table)).filter((r) => !r.deleted);
}

/** Everything the gate needs of the building now; `incomingStaffId` names whose receipts to read. */
export async function loadBuilding(
  store: StoreReads,
  siteId: string,
  incomingStaffId: string | null,
): Promise<StoredBuilding> {
  const where = (table: SyncTable, field: string, value: string) =>
    store.listLiveRowsWhere<SyncTable>(siteId, table, field, value);
  const open = await where('logEntry', 'status', 'open');
  const equipment = await where('logEntry', 'kind', 'equipmentOp');
  const entries = [...new Map([...open, ...equipment].map((r) => [r.id, r])).values()];
  return {
    entries,
    tasks: await where('task', 'status', 'open'),
    acks: incomingStaffId === null ? [] : await where('acknowledgement', 'staffId', incomingStaffId),
    items: await live(store, siteId, 'item'),
    movements: await live(store, siteId, 'itemMovement'),
    rota: await live(store, siteId, 'rotaShift'),
    swaps: await live(store, siteId, 'swapRequest'),
    staff: await live(store, siteId, 'staff'),
  };
}

/** S1: just the rota, its swaps and the staff, typed (a draft's substitute approval). */
export async function loadRotaRows(
  store: StoreReads,
  siteId: string,
): Promise<Pick<BuildingRows, 'rota' | 'swaps' | 'staff'>> {
  const rows = async <T extends SyncTable>(table: T) =>
    (await store.listRows(siteId, table)).filter((r) => !r.deleted).map((r) => r.row);
  return { rota: await rows('rotaShift'), swaps: await rows('swapRequest'), staff: await rows('staff') };
}

/** The device whose op last wrote a row (the node of its HLC), or null for an unreadable HLC. */
export function lastWriter(row: Pick<StoredRow, 'updatedHlc'>): string | null {
  return parseHlc(row.updatedHlc)?.node ?? null;
}

/** The rows of `b` that device `deviceId`, synced to `cursor`, knew of (see the file comment). */
export function knownTo(b: StoredBuilding, deviceId: string, cursor: number): StoredBuilding {
  const known = (rows: StoredRow[]) => rows.filter((r) => r.seq <= cursor || lastWriter(r) === deviceId);
  return {
    entries: known(b.entries),
    tasks: known(b.tasks),
    acks: known(b.acks),
    items: known(b.items),
    movements: known(b.movements),
    rota: known(b.rota),
    swaps: known(b.swaps),
    staff: known(b.staff),
  };
}

/**
 * H11(b): an entry as the gate reads it. An equipment operation written before its end was
 * recorded (`operationEndedAt` missing) is taken as ended once it was closed, as the old gate did.
 */
function gateEntry(row: Record<string, unknown>): GateEntry {
  const e = row as LogEntry;
  const ended = typeof e.operationEndedAt === 'number' ? e.operationEndedAt : null;
  return {
    id: e.id,
    kind: e.kind,
    severity: e.severity,
    status: e.status,
    occurredAt: e.occurredAt,
    operationEndedAt: ended ?? (e.status === 'open' || 'operationEndedAt' in row ? null : e.occurredAt),
  };
}

/** The typed rows of `b`. */
export function typedRows(b: StoredBuilding): BuildingRows {
  const rows = <T>(list: StoredRow[]) => list.map((r) => r.row as T);
  return {
    entries: b.entries.map((r) => gateEntry(r.row)),
    tasks: rows<Task>(b.tasks),
    acks: rows<Acknowledgement>(b.acks),
    items: rows<Item>(b.items),
    movements: rows<ItemMovement>(b.movements),
    rota: rows<RotaShift>(b.rota),
    swaps: rows<SwapRequest>(b.swaps),
    staff: rows<Staff>(b.staff),
  };
}
