/**
 * D5: which of a building's rows the retention job may move to an archive. Pure over the rows.
 *
 * Rows are archived by **unit**, never one by one: a duty with its entries, their amendments,
 * photos, escalations and paid-service orders, the handover drafts and count lines of the record
 * that ended it, that record and its addenda (an opening goes with the duty it opened); a closed
 * task with its notes and read receipts; a day review with its addenda; a daily report; a spot
 * check; the review flags, conflicts and refusals about any of these rows. A unit goes only when
 *
 * - every time it carries (each `...At` field, receipt time and last write) is older than the cut;
 * - it is finished: no duty still open, no entry still open, no task still open, no draft still
 *   being prepared, no escalation undecided, no paid-service order not yet paid or cancelled;
 * - no row that stays names any of its rows (a younger day review naming its entries, a task
 *   referred from its entry...), so nothing left in the database points into the archive.
 *
 * One reference is allowed to cross: a duty's `handoverId`, the signed record that began it. The
 * records form a chain, so the oldest duty kept always began with a record of an archived unit;
 * that record's hash stays in the `chain` table (archive-run.ts), and `npm run verify` still knows
 * the younger record's predecessor. Never archived: the building, its staff, its items, the item
 * movements (the register's balances derive from them), the rota and swap requests.
 */
import { parseHlc } from '../../domain/hlc';

/** A row as read for retention: its parsed content and the stored text, kept byte for byte. */
export interface RetentionRow {
  table: string;
  id: string;
  row: Record<string, unknown>;
  receivedAt: number | null;
  updatedHlc: string;
}

const NEVER_ARCHIVED = new Set(['site', 'staff', 'item', 'itemMovement', 'rotaShift', 'swapRequest']);
/** Bookkeeping rows about another row: archived with it, and never keep it in the database. */
const ABOUT_ROW = new Set(['reviewFlag', 'conflict', 'syncError']);

/** The field of a row that ties it to the unit it belongs to. */
function parentOf(r: RetentionRow): string | null {
  const f = r.row;
  const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
  switch (r.table) {
    case 'logEntry':
      return str('dutyId');
    case 'logAmendment':
    case 'escalation':
    case 'serviceOrder':
      return str('entryId');
    case 'photo':
      return str('ownerId');
    case 'handover':
      return str('outgoingDutyId');
    case 'countLine':
      return str('handoverId');
    case 'handoverRecord':
      return str('correctsId') ?? str('outgoingDutyId') ?? str('newDutyId');
    case 'taskNote':
    case 'acknowledgement':
      return str('taskId');
    case 'task':
      return str('sourceId');
    case 'dayReview':
      return str('correctsId');
    case 'spotCheck':
      return str('dutyId');
    case 'conflictResolution':
      return str('conflictId');
    default:
      return ABOUT_ROW.has(r.table) ? str('rowId') : null;
  }
}

/** Whether the row is still being worked on, which keeps its whole unit. */
function unfinished(r: RetentionRow): boolean {
  const f = r.row;
  switch (r.table) {
    case 'duty':
      return f['endedAt'] === null;
    case 'logEntry':
    case 'task':
      return f['status'] === 'open';
    case 'handover':
      return f['status'] === 'preparing';
    case 'escalation':
      return f['decidedAt'] === null;
    case 'serviceOrder':
      return f['status'] === 'issued' || f['status'] === 'done';
    default:
      return false;
  }
}

/** The newest time a row carries: every `...At` field, its receipt and its last write (HLC). */
export function newestTime(r: RetentionRow): number {
  let newest = Math.max(r.receivedAt ?? 0, parseHlc(r.updatedHlc)?.wallMs ?? 0);
  for (const [k, v] of Object.entries(r.row))
    if (k.endsWith('At') && typeof v === 'number') newest = Math.max(newest, v);
  return newest;
}

/** Every string in a value, at any depth (the ids a row names). */
function strings(v: unknown, out: string[]): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** The ids a staying row names that keep a row of a unit in the database. */
function namedIds(r: RetentionRow): string[] {
  if (ABOUT_ROW.has(r.table)) return [];
  // The chain's boundary (see above): the record that began the oldest duty kept may be archived.
  const { handoverId: _began, ...rest } = r.row;
  return strings(r.table === 'duty' ? rest : r.row, []).filter((s) => s !== r.id);
}

/**
 * The units of `rows` that may be archived at `cutMs`, each a list of rows, oldest unit first.
 * `rows` is every row of one building.
 */
export function archivableUnits(rows: RetentionRow[], cutMs: number): RetentionRow[][] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const rootCache = new Map<string, string>();
  const rootOf = (r: RetentionRow): string => {
    const seen: RetentionRow[] = [];
    let cur = r;
    for (;;) {
      const cached = rootCache.get(cur.id);
      if (cached !== undefined) return settle(seen, cached);
      seen.push(cur);
      const parentId = parentOf(cur);
      const parent = parentId === null ? undefined : byId.get(parentId);
      if (!parent || NEVER_ARCHIVED.has(parent.table) || seen.includes(parent)) return settle(seen, cur.id);
      cur = parent;
    }
  };
  const settle = (seen: RetentionRow[], root: string) => {
    for (const s of seen) rootCache.set(s.id, root);
    return root;
  };

  const units = new Map<string, RetentionRow[]>();
  for (const r of rows) {
    if (NEVER_ARCHIVED.has(r.table)) continue;
    const root = rootOf(r);
    const members = units.get(root);
    if (members) members.push(r);
    else units.set(root, [r]);
  }
  const candidates = new Map<string, RetentionRow[]>();
  for (const [root, members] of units) {
    if (members.every((m) => newestTime(m) < cutMs && !unfinished(m))) candidates.set(root, members);
  }

  // A unit named by a row that stays must stay too; staying may in turn keep another unit.
  const unitOfRow = new Map<string, string>();
  for (const [root, members] of candidates) for (const m of members) unitOfRow.set(m.id, root);
  let pending = rows.filter((r) => !unitOfRow.has(r.id));
  while (pending.length > 0) {
    const kept: RetentionRow[] = [];
    for (const r of pending) {
      for (const id of namedIds(r)) {
        const root = unitOfRow.get(id);
        if (root === undefined || unitOfRow.get(r.id) === root) continue;
        const members = candidates.get(root) ?? [];
        candidates.delete(root);
        for (const m of members) unitOfRow.delete(m.id);
        kept.push(...members);
      }
    }
    pending = kept;
  }
  return [...candidates.values()]
    .map((members) => ({ members, at: Math.max(...members.map(newestTime)) }))
    .sort((a, b) => a.at - b.at)
    .map((u) => u.members);
}
