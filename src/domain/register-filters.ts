/**
 * F1, F2, F3: the department's registers and their filters, shared by the tablet (the filters live
 * in the URL query, so a reload keeps them) and the server's CSV export (the same query), so a
 * filter means one thing on both ends and a malformed one is refused the same way, field by field.
 */
import { dayBounds, isDayKey } from './building-day';
import {
  ENTRY_STATUSES,
  LOG_KINDS,
  SEVERITIES,
  type EntryStatus,
  type LogEntry,
  type LogKind,
  type Severity,
} from './entities';
import { isPartyKind } from './log-entry';

/**
 * `tenants`: F1, owners' and tenants' calls and visits (enquiries, requests for help, complaints);
 * `repairs`: F2, the repair register; `duty`: F3, the duty record by shift (every entry).
 */
export const REGISTERS = ['tenants', 'repairs', 'duty'] as const;
export type RegisterName = (typeof REGISTERS)[number];

export function isRegisterName(value: string): value is RegisterName {
  return (REGISTERS as readonly string[]).includes(value);
}

/** Whether an entry of `kind` belongs in `register`. */
export function inRegister(register: RegisterName, kind: LogKind): boolean {
  if (register === 'repairs') return kind === 'repair';
  if (register === 'tenants') return isPartyKind(kind) && kind !== 'repair';
  return true;
}

export interface RegisterFilters {
  /** First and last building day of the range, `yyyy-MM-dd`; null leaves that end open. */
  from: string | null;
  to: string | null;
  kind: LogKind | null;
  severity: Severity | null;
  status: EntryStatus | null;
  /** The person who recorded the entry. */
  staffId: string | null;
  /** Part of the location (or unit), matched case-insensitively; '' for any. */
  location: string;
}

export const NO_FILTERS: RegisterFilters = {
  from: null,
  to: null,
  kind: null,
  severity: null,
  status: null,
  staffId: null,
  location: '',
};

export type FilterField = keyof RegisterFilters;
/** `badDate`: not a day `yyyy-MM-dd`; `reversed`: `to` before `from`; `unknown`: not one of the values; `tooLong`. */
export type FilterError = 'badDate' | 'reversed' | 'unknown' | 'tooLong';
export type FilterErrors = Partial<Record<FilterField, FilterError>>;

/** The query parameters the filters are kept in, by field (`staffId` is the person). */
export const FILTER_PARAMS: readonly FilterField[] = [
  'from',
  'to',
  'kind',
  'severity',
  'status',
  'staffId',
  'location',
];

const LOCATION_MAX = 120;
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], v: string): T | null {
  return (values as readonly string[]).includes(v) ? (v as T) : null;
}

/**
 * Reads the filters from query parameters (`get` returns a parameter's value, or null/undefined when
 * absent). An empty parameter means no filter. Every malformed one is named with why, so the tablet
 * shows a message beside its field and the server answers 400 saying which.
 */
export function parseRegisterFilters(
  get: (name: string) => string | null | undefined,
): { ok: true; filters: RegisterFilters } | { ok: false; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const value = (name: FilterField) => (get(name) ?? '').trim();
  const day = (name: 'from' | 'to') => {
    const v = value(name);
    if (v === '') return null;
    if (!isDayKey(v)) errors[name] = 'badDate';
    return v;
  };
  const choice = <T extends string>(name: FilterField, values: readonly T[]): T | null => {
    const v = value(name);
    if (v === '') return null;
    const found = oneOf(values, v);
    if (found === null) errors[name] = 'unknown';
    return found;
  };
  const from = day('from');
  const to = day('to');
  if (from !== null && to !== null && !errors.from && !errors.to && to < from) errors.to = 'reversed';
  const staffId = value('staffId') || null;
  if (staffId !== null && !ID_PATTERN.test(staffId)) errors.staffId = 'unknown';
  const location = value('location');
  if (location.length > LOCATION_MAX) errors.location = 'tooLong';
  const filters: RegisterFilters = {
    from,
    to,
    kind: choice('kind', LOG_KINDS),
    severity: choice('severity', SEVERITIES),
    status: choice('status', ENTRY_STATUSES),
    staffId,
    location,
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, filters };
}

/** The filters as query parameters, leaving out those not set (`?from=2026-11-01&kind=repair`). */
export function filtersToQuery(filters: RegisterFilters): string {
  const params = new URLSearchParams();
  for (const f of FILTER_PARAMS) {
    const v = filters[f];
    if (v !== null && v !== '') params.set(f, v);
  }
  return params.toString();
}

/** The UTC span of the filters' building days (T1: days in the building's zone); open ends are null. */
export function filterSpan(filters: RegisterFilters, timeZone: string): { fromMs: number | null; toMs: number | null } {
  return {
    fromMs: filters.from === null ? null : dayBounds(filters.from, timeZone).fromMs,
    toMs: filters.to === null ? null : dayBounds(filters.to, timeZone).toMs,
  };
}

type FilteredEntry = Pick<LogEntry, 'kind' | 'severity' | 'status' | 'staffId' | 'location' | 'unit' | 'occurredAt'>;

/**
 * Whether `entry` is in `register` and passes the filters, given their UTC span (`filterSpan`):
 * the tablet and the server's export keep exactly the same rows.
 */
export function matchesRegister(
  register: RegisterName,
  entry: FilteredEntry,
  filters: RegisterFilters,
  span: { fromMs: number | null; toMs: number | null },
): boolean {
  if (!inRegister(register, entry.kind)) return false;
  if (span.fromMs !== null && entry.occurredAt < span.fromMs) return false;
  if (span.toMs !== null && entry.occurredAt >= span.toMs) return false;
  if (filters.kind !== null && entry.kind !== filters.kind) return false;
  if (filters.severity !== null && entry.severity !== filters.severity) return false;
  if (filters.status !== null && entry.status !== filters.status) return false;
  if (filters.staffId !== null && entry.staffId !== filters.staffId) return false;
  if (filters.location !== '') {
    const needle = filters.location.toLowerCase();
    const hay = `${entry.location}\n${entry.unit ?? ''}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}
