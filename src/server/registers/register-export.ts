/**
 * F1, F2, F3: a register exported as CSV, streamed. The building's rows are read from the store a
 * page at a time in the order the server received them (`changesSince`, the pull's own paging), and
 * each page's matching entries are written out before the next page is read, so an export of two
 * years holds one page in memory, never the whole file. The stream is pulled: a slow download
 * reads no further than the network takes. Times are in the building's zone (T1).
 */
import { CSV_BOM, csvLine } from '../../domain/csv';
import type { Duty, LogEntry, Site, SyncTable } from '../../domain/entities';
import { REGISTER_COLUMNS, registerCells, type Labels } from '../../domain/register-columns';
import { filterSpan, matchesRegister, type RegisterFilters, type RegisterName } from '../../domain/register-filters';
import type { ServiceOrder } from '../../domain/review-entities';
import type { RowOf, Store } from '../store/store';
import { CSV_WORDS, type CsvLang } from './csv-labels';

/** Rows read from the store per page (all tables of the building, entries among them). */
export const EXPORT_PAGE_ROWS = 500;

export interface RegisterExport {
  siteId: string;
  register: RegisterName;
  filters: RegisterFilters;
  lang: CsvLang;
}

async function liveRows<T extends SyncTable>(store: Store, siteId: string, table: T): Promise<RowOf<T>[]> {
  return (await store.listRows(siteId, table)).filter((r) => !r.deleted).map((r) => r.row);
}

/** The building's small tables a row refers to: names, duties, shifts, orders and photo counts. */
async function exportContext(store: Store, req: RegisterExport) {
  const site: Site | undefined = (await store.getRow(req.siteId, 'site', req.siteId))?.row;
  const timeZone = site?.timeZone ?? 'UTC';
  const names = new Map((await liveRows(store, req.siteId, 'staff')).map((s) => [s.id, s.name]));
  const shifts = new Map((site?.shifts ?? []).map((s) => [s.id, s.name]));
  const duties = new Map<string, Duty>((await liveRows(store, req.siteId, 'duty')).map((d) => [d.id, d]));
  const orders = new Map<string, ServiceOrder[]>();
  if (req.register === 'tenants') {
    for (const o of await liveRows(store, req.siteId, 'serviceOrder')) {
      orders.set(o.entryId, [...(orders.get(o.entryId) ?? []), o]);
    }
  }
  const photos = new Map<string, number>();
  if (req.register === 'repairs') {
    for (const p of await liveRows(store, req.siteId, 'photo')) {
      if (p.ownerTable === 'logEntry') photos.set(p.ownerId, (photos.get(p.ownerId) ?? 0) + 1);
    }
  }
  const words = CSV_WORDS[req.lang];
  const labels: Labels = {
    choice: (group, value) => words.choices[`${group}.${value}`] ?? value,
    person: (id) => names.get(id) ?? id.slice(0, 8),
    shift: (id) => shifts.get(id) ?? id,
  };
  return { timeZone, duties, orders, photos, labels, words };
}

/** The CSV of one register as a byte stream: BOM, the heading row, then the matching entries. */
export async function registerCsvStream(store: Store, req: RegisterExport): Promise<ReadableStream<Uint8Array>> {
  const ctx = await exportContext(store, req);
  const span = filterSpan(req.filters, ctx.timeZone);
  const columns = REGISTER_COLUMNS[req.register];
  const encoder = new TextEncoder();
  let cursor = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(columns.map((c) => ctx.words.columns[c]))));
    },
    async pull(controller) {
      // Read pages until one yields rows (or the building ends), so each pull sends something.
      for (;;) {
        const page = await store.changesSince(req.siteId, cursor, EXPORT_PAGE_ROWS);
        if (page.length === 0) {
          controller.close();
          return;
        }
        cursor = page[page.length - 1]?.seq ?? cursor;
        let chunk = '';
        for (const change of page) {
          if (change.table !== 'logEntry') continue;
          const entry = JSON.parse(change.dataJson) as LogEntry;
          if (entry.deleted || !matchesRegister(req.register, entry, req.filters, span)) continue;
          chunk += csvLine(
            registerCells(req.register, entry, {
              timeZone: ctx.timeZone,
              labels: ctx.labels,
              orders: ctx.orders.get(entry.id) ?? [],
              photos: ctx.photos.get(entry.id) ?? 0,
              duty: ctx.duties.get(entry.dutyId) ?? null,
            }),
          );
        }
        if (chunk !== '') {
          controller.enqueue(encoder.encode(chunk));
          return;
        }
      }
    },
  });
}
