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
import type { Store, StoredRow } from '../store/store';

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

function live(store: Store, siteId: string, table: SyncTable): StoredRow[] {
  return store.listRows(siteId, table).filter((r) => !r.deleted);
}

/** Everything the gate needs of the building now; `incomingStaffId` names whose receipts to read. */
export function loadBuilding(store: Store, siteId: string, incomingStaffId: string | null): StoredBuilding {
  const open = store.listLiveRowsWhere(siteId, 'logEntry', 'status', 'open');
  const equipment = store.listLiveRowsWhere(siteId, 'logEntry', 'kind', 'equipmentOp');
  const entries = [...new Map([...open, ...equipment].map((r) => [r.id, r])).values()];
  return {
    entries,
    tasks: store.listLiveRowsWhere(siteId, 'task', 'status', 'open'),
    acks:
      incomingStaffId === null ? [] : store.listLiveRowsWhere(siteId, 'acknowledgement', 'staffId', incomingStaffId),
    items: live(store, siteId, 'item'),
    movements: live(store, siteId, 'itemMovement'),
    rota: live(store, siteId, 'rotaShift'),
    swaps: live(store, siteId, 'swapRequest'),
    staff: live(store, siteId, 'staff'),
  };
}

/** S1: just the rota, its swaps and the staff, typed (a draft's substitute approval). */
export function loadRotaRows(store: Store, siteId: string): Pick<BuildingRows, 'rota' | 'swaps' | 'staff'> {
  const rows = <T>(table: SyncTable) => live(store, siteId, table).map((r) => r.row as T);
  return { rota: rows<RotaShift>('rotaShift'), swaps: rows<SwapRequest>('swapRequest'), staff: rows<Staff>('staff') };
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
