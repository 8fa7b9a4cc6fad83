/**
 * F1, F2, F3: the columns of each register, in the order of the paper register, and the text of
 * each cell. One table for the tablet's screen and print and the server's CSV, so they never
 * differ; each end names the columns and the choices (kind, status...) in its own words (`Labels`).
 * Times are shown in the building's zone (T1).
 */
import type { Duty, LogEntry } from './entities';
import type { ServiceOrder } from './review-entities';
import type { RegisterName } from './register-filters';
import { formatMoney } from './service-order-rules';

export const REGISTER_COLUMNS = {
  /** F1: 寫字樓業主、租戶來電來人物管事項受理處理登記表. */
  tenants: [
    'occurredAt',
    'channel',
    'partyType',
    'party',
    'unit',
    'contact',
    'kind',
    'cause',
    'process',
    'result',
    'status',
    'serviceOrders',
    'recordedBy',
  ],
  /** F2: 寫字樓報修維修情況登記本. */
  repairs: [
    'occurredAt',
    'location',
    'unit',
    'party',
    'cause',
    'assignedTo',
    'status',
    'completedAt',
    'result',
    'photos',
    'entry',
    'recordedBy',
  ],
  /** F3: 物業管部值班記錄, each entry under its duty (shift). */
  duty: ['shift', 'occurredAt', 'kind', 'severity', 'status', 'cause', 'process', 'result', 'location', 'recordedBy'],
} as const satisfies Record<RegisterName, readonly string[]>;

export type RegisterColumn = (typeof REGISTER_COLUMNS)[RegisterName][number];

/** How one end says a choice: `label('kind', 'repair')` is 報修 on a zh-Hant tablet. */
export interface Labels {
  choice(group: 'kind' | 'severity' | 'status' | 'channel' | 'partyType' | 'orderStatus', value: string): string;
  /** The name of a person by staff id (the id's start when unknown). */
  person(staffId: string): string;
  /** The shift's name by its template id (the id when unknown). */
  shift(shiftId: string): string;
}

/** What a row needs besides its entry: its orders, how many photos, its duty. */
export interface RowContext {
  timeZone: string;
  orders: readonly ServiceOrder[];
  photos: number;
  duty: Pick<Duty, 'id' | 'staffId' | 'shiftId' | 'startedAt' | 'endedAt'> | null;
  labels: Labels;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, kept: an export of two years formats hundreds of thousands of times. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An epoch-ms time in the building's zone, `yyyy-MM-dd HH:mm` (T1). */
export function registerTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** F3: a duty as its register heading says it: the shift, the person and the time on duty. */
export function dutyHeading(duty: RowContext['duty'], ctx: Pick<RowContext, 'timeZone' | 'labels'>): string {
  if (duty === null) return '';
  const end = duty.endedAt === null ? '' : registerTime(duty.endedAt, ctx.timeZone);
  const shift = duty.shiftId === null ? '' : `${ctx.labels.shift(duty.shiftId)} `;
  return `${shift}${ctx.labels.person(duty.staffId)} ${registerTime(duty.startedAt, ctx.timeZone)}–${end}`;
}

/** F1: the orders of an entry as one cell: "A-001 更換隔塵網 350.00 已付款; …". */
export function ordersCell(orders: readonly ServiceOrder[], labels: Labels): string {
  return orders
    .map((o) => `${o.number} ${o.service} ${formatMoney(o.amountCents)} ${labels.choice('orderStatus', o.status)}`)
    .join('; ');
}

/** The text of one cell of `entry` in `column`. */
export function cellText(column: RegisterColumn, entry: LogEntry, ctx: RowContext): string {
  const { labels } = ctx;
  switch (column) {
    case 'occurredAt':
      return registerTime(entry.occurredAt, ctx.timeZone);
    case 'completedAt':
      return registerTime(entry.completedAt, ctx.timeZone);
    case 'channel':
      return entry.channel === null ? '' : labels.choice('channel', entry.channel);
    case 'partyType':
      return entry.partyType === null ? '' : labels.choice('partyType', entry.partyType);
    case 'kind':
    case 'severity':
    case 'status':
      return labels.choice(column, entry[column]);
    case 'serviceOrders':
      return ordersCell(ctx.orders, labels);
    case 'recordedBy':
      return labels.person(entry.staffId);
    case 'photos':
      return String(ctx.photos);
    case 'entry':
      return entry.id;
    case 'shift':
      return dutyHeading(ctx.duty, ctx);
    default:
      return entry[column];
  }
}

/** The cells of `entry`'s row in `register`. */
export function registerCells(register: RegisterName, entry: LogEntry, ctx: RowContext): string[] {
  return REGISTER_COLUMNS[register].map((c: RegisterColumn) => cellText(c, entry, ctx));
}
