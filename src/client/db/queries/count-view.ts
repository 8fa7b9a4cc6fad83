/**
 * The count (H8) as the count screen and the signing see it: the items to count, each with its
 * newest tap, what the last signed count found, what is lent out and to whom, and the progress.
 */
import {
  countProgress,
  expectedAtDesk,
  isAccountedWithoutTap,
  itemsToCount,
  latestLines,
  type CountProgress,
} from '../../../domain/count-rules';
import { ITEM_CATEGORIES, type Item, type ItemCategory } from '../../../domain/entities';
import type { CountLine, Handover, Photo, RecordCountLine } from '../../../domain/handover-entities';
import { lentByItem, type OpenLoan } from '../../../domain/loan-rules';
import { RowNotFoundError } from '../errors';
import { handoverLocked } from '../repos/handover-locks';
import type { HandoverDb } from '../schema';
import { photosForOwners } from './photo-queries';
import { newestRecord } from './record-chain';
import { custodyHeldNow, loansNow } from './register-queries';

export interface CountItemView {
  item: Item;
  /** The newest tap of this count, or null while untouched. */
  line: CountLine | null;
  /** What the last signed count found for the item ("pre-filled from the last closing count"). */
  lastClosing: RecordCountLine | null;
  lent: number;
  borrowers: string[];
  overdue: boolean;
  /** Wholly lent out: accounted for by its loans, without a tap. */
  accountedWithoutTap: boolean;
  expectedAtDesk: number;
  /** Photos of the newest tap (a damaged item's picture). */
  photos: Photo[];
}

export interface CountView {
  /** Non-empty groups in ITEM_CATEGORIES order, items by code. */
  groups: { category: ItemCategory; items: CountItemView[] }[];
  progress: CountProgress;
  /** When the first tap was recorded (the 5-minute timer runs from it), null before any. */
  startedAt: number | null;
  /** Signed (H3): no more taps. */
  locked: boolean;
}

/** Everything known about one handover's count at `nowMs`; shared by the view, the gate and the signing. */
export interface CountSnapshot {
  items: Item[];
  lines: CountLine[];
  latest: Map<string, CountLine>;
  loans: OpenLoan[];
  lent: Map<string, { quantity: number; borrowers: string[] }>;
  lentQuantity: Map<string, number>;
  progress: CountProgress;
}

/** The handover, or RowNotFoundError: a handover row is never deleted, only abandoned. */
export async function requireHandover(db: HandoverDb, handoverId: string): Promise<Handover> {
  const h = await db.handover.get(handoverId);
  if (!h || h.deleted) throw new RowNotFoundError('handover', handoverId);
  return h;
}

/** The items to count, the taps so far and the loans, read outside any write transaction. */
export async function countSnapshot(db: HandoverDb, handoverId: string, nowMs: number): Promise<CountSnapshot> {
  const [allItems, lines, loans, custody] = await Promise.all([
    db.item.toArray(),
    db.countLine.where('handoverId').equals(handoverId).toArray(),
    loansNow(db, nowMs),
    custodyHeldNow(db),
  ]);
  const items = itemsToCount(
    allItems.filter((i) => !i.deleted),
    new Set(custody.map((c) => c.movement.itemId)),
  );
  const live = lines.filter((l) => !l.deleted);
  const latest = latestLines(live);
  const lent = lentByItem(loans);
  const lentQuantity = new Map([...lent].map(([id, l]) => [id, l.quantity]));
  return {
    items,
    lines: live,
    latest,
    loans,
    lent,
    lentQuantity,
    progress: countProgress(items, latest, lentQuantity),
  };
}

/** The count lines of the newest signed record of another handover, by item. */
async function lastClosingCount(db: HandoverDb, handoverId: string): Promise<Map<string, RecordCountLine>> {
  const newest = await newestRecord(db, { exceptHandoverId: handoverId });
  return new Map((newest?.count ?? []).map((l) => [l.itemId, l]));
}

/**
 * The count screen's data, for `useLiveQuery`. Items wholly lent out are done without a tap and
 * show their borrowers; custody items are listed only while the desk holds them (H8).
 * @throws RowNotFoundError when the handover is not on this tablet.
 */
export async function countView(db: HandoverDb, handoverId: string, nowMs: number): Promise<CountView> {
  const handover = await requireHandover(db, handoverId);
  const [snap, closing, locked] = await Promise.all([
    countSnapshot(db, handoverId, nowMs),
    lastClosingCount(db, handoverId),
    handoverLocked(db, handover),
  ]);
  const overdueItems = new Set(snap.loans.filter((l) => l.overdue).map((l) => l.lend.itemId));
  // One read for the photos of every newest tap, not one per item: this runs after every tap.
  const photos = await photosForOwners(
    db,
    'countLine',
    snap.items.flatMap((item) => snap.latest.get(item.id)?.id ?? []),
  );
  const views = snap.items.map((item): CountItemView => {
    const line = snap.latest.get(item.id) ?? null;
    const lent = snap.lent.get(item.id);
    const quantity = lent?.quantity ?? 0;
    return {
      item,
      line,
      lastClosing: closing.get(item.id) ?? null,
      lent: quantity,
      borrowers: lent?.borrowers ?? [],
      overdue: overdueItems.has(item.id),
      accountedWithoutTap: isAccountedWithoutTap(item, quantity),
      expectedAtDesk: expectedAtDesk(item, quantity),
      photos: line ? (photos.get(line.id) ?? []) : [],
    };
  });
  const groups = ITEM_CATEGORIES.map((category) => ({
    category,
    items: views.filter((v) => v.item.category === category),
  })).filter((g) => g.items.length > 0);
  const startedAt = snap.lines.length > 0 ? Math.min(...snap.lines.map((l) => l.recordedAt)) : null;
  return { groups, progress: snap.progress, startedAt, locked };
}
