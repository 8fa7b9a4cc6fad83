/**
 * F1, F2, F3: the registers read from the rows on this tablet (its local window), filtered exactly
 * as the server's CSV export filters them (register-filters.ts), oldest first, with what each row
 * shows besides its entry: its paid-service orders, its photo count and its duty.
 */
import type { Duty, LogEntry } from '../../../domain/entities';
import { filterSpan, matchesRegister, type RegisterFilters, type RegisterName } from '../../../domain/register-filters';
import type { ServiceOrder } from '../../../domain/review-entities';
import type { HandoverDb } from '../schema';

export interface RegisterData {
  entries: LogEntry[];
  orders: ReadonlyMap<string, ServiceOrder[]>;
  photos: ReadonlyMap<string, number>;
  duties: ReadonlyMap<string, Duty>;
}

const strip = <T extends { _versions?: unknown }>(row: T): Omit<T, '_versions'> => {
  const { _versions: _v, ...rest } = row;
  return rest;
};

/** The entries of `register` passing `filters` (days in `timeZone`), with their orders, photos and duties. */
export async function registerData(
  db: HandoverDb,
  register: RegisterName,
  filters: RegisterFilters,
  timeZone: string,
): Promise<RegisterData> {
  const span = filterSpan(filters, timeZone);
  const range = db.logEntry.where('occurredAt').between(span.fromMs ?? -Infinity, span.toMs ?? Infinity, true, false);
  const rows = await range.toArray();
  const entries = rows
    .filter((e) => !e.deleted && matchesRegister(register, e, filters, span))
    .map((e) => strip(e) as LogEntry)
    .sort((a, b) => a.occurredAt - b.occurredAt || a.id.localeCompare(b.id));
  const ids = entries.map((e) => e.id);
  const orders = new Map<string, ServiceOrder[]>();
  if (register === 'tenants' && ids.length > 0) {
    const found = await db.serviceOrder.where('entryId').anyOf(ids).toArray();
    for (const o of found.filter((x) => !x.deleted).sort((a, b) => a.issuedAt - b.issuedAt)) {
      orders.set(o.entryId, [...(orders.get(o.entryId) ?? []), strip(o) as ServiceOrder]);
    }
  }
  const photos = new Map<string, number>();
  if (register === 'repairs' && ids.length > 0) {
    const found = await db.photo.where('ownerId').anyOf(ids).toArray();
    for (const p of found)
      if (!p.deleted && p.ownerTable === 'logEntry') photos.set(p.ownerId, (photos.get(p.ownerId) ?? 0) + 1);
  }
  const dutyIds = [...new Set(entries.map((e) => e.dutyId))];
  const dutyRows = await db.duty.bulkGet(dutyIds);
  const duties = new Map<string, Duty>();
  for (const d of dutyRows) if (d && !d.deleted) duties.set(d.id, strip(d) as Duty);
  return { entries, orders, photos, duties };
}
