import { useLocation, useSearch } from 'wouter';
import { dayBounds, isDayKey } from '../../../domain/building-day';
import { HANDOVER_KINDS, type HandoverKind } from '../../../domain/handover-entities';
import type { MessageKey } from '../../i18n/en';
import type { HistoryFilter } from '../../db/queries/history-queries';
import { SECTION_PATHS } from '../../state/routes';

/** The filter fields the URL keeps: `/history?from=2025-03-01&to=2025-03-31&kind=opening`. */
export type FilterField = 'from' | 'to' | 'kind';

export interface HistoryFilters {
  /** The raw values, as typed or as found in the URL (shown back in the fields). */
  from: string;
  to: string;
  kind: HandoverKind | 'all';
  /** A message per malformed field, shown beside it; a malformed bound is not applied. */
  errors: Partial<Record<FilterField, MessageKey>>;
  /** The bounds and kind the list applies, from the well-formed fields only. */
  filter: HistoryFilter;
  /** Whether any filter is set (for "no match" against "no record yet"). */
  filtered: boolean;
  /** The URL's query (`?from=…`), kept when a record is opened and on the way back. */
  search: string;
  set(field: FilterField, value: string): void;
  clear(): void;
}

const isKind = (v: string): v is HandoverKind => (HANDOVER_KINDS as readonly string[]).includes(v);

/**
 * The history's filters (issue 8: by date range, in building days, and by kind), kept in the URL's
 * query so a reload, a deep link or the way back from a record keeps them. Each change replaces the
 * history entry: Back leaves the history in one step. A malformed value (typed into the URL, or a
 * range whose end is before its start) gets a message beside its field and is not applied.
 */
export function useHistoryFilters(timeZone: string): HistoryFilters {
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const kindParam = params.get('kind') ?? '';
  const errors: HistoryFilters['errors'] = {};
  const fromOk = from === '' || isDayKey(from);
  const toOk = to === '' || isDayKey(to);
  if (!fromOk) errors.from = 'history.error.badDay';
  if (!toOk) errors.to = 'history.error.badDay';
  const ordered = !(fromOk && toOk && from !== '' && to !== '' && to < from);
  if (!ordered) errors.to = 'history.error.rangeOrder';
  if (kindParam !== '' && !isKind(kindParam)) errors.kind = 'history.error.badKind';
  const kind = isKind(kindParam) ? kindParam : 'all';
  // The range is of building days in the building's zone (T1), the end day included.
  const fromMs = fromOk && ordered && from !== '' ? dayBounds(from, timeZone).fromMs : null;
  const toMs = toOk && ordered && to !== '' ? dayBounds(to, timeZone).toMs : null;

  const replace = (next: URLSearchParams) => {
    const query = next.toString();
    navigate(query ? `${SECTION_PATHS.history}?${query}` : SECTION_PATHS.history, { replace: true });
  };
  return {
    from,
    to,
    kind,
    errors,
    filter: { fromMs, toMs, kind: kind === 'all' ? null : kind },
    filtered: from !== '' || to !== '' || kindParam !== '',
    search: search ? `?${search}` : '',
    set: (field, value) => {
      const next = new URLSearchParams(search);
      if (value === '' || (field === 'kind' && value === 'all')) next.delete(field);
      else next.set(field, value);
      replace(next);
    },
    clear: () => replace(new URLSearchParams()),
  };
}
