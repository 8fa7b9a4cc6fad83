import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation, useSearchParams } from 'wouter';
import type { Staff } from '../../../domain/entities';
import {
  FILTER_PARAMS,
  isRegisterName,
  NO_FILTERS,
  parseRegisterFilters,
  filtersToQuery,
  type FilterErrors,
  type FilterField,
  type RegisterName,
} from '../../../domain/register-filters';
import { listStaff } from '../../db/queries';
import { registerData, type RegisterData } from '../../db/queries/registers-queries';
import { sectionPath, usePathDetail } from '../../state/routes';
import { useDb } from '../../ui/db-context';

/** Rows per page on screen (and per printed page of the screen). */
export const PAGE_SIZE = 50;

/**
 * F1, F2, F3: one register with its filters. The register is the URL's detail
 * (`/registers/repairs`), the filters its query (`?from=2026-11-01&kind=repair`), so a reload or a
 * shared link keeps them; changing a filter replaces the history entry. A malformed filter (typed
 * into the URL, or an old link) is named beside its field and nothing is filtered by guesswork.
 */
export function useRegister(timeZone: string) {
  const db = useDb();
  const [detail] = usePathDetail('registers');
  const [, navigate] = useLocation();
  const register: RegisterName = detail !== null && isRegisterName(detail) ? detail : 'tenants';
  const [params, setParams] = useSearchParams();
  const raw = Object.fromEntries(FILTER_PARAMS.map((f) => [f, params.get(f) ?? ''])) as Record<FilterField, string>;
  const parsed = parseRegisterFilters((name) => params.get(name));
  const filters = parsed.ok ? parsed.filters : NO_FILTERS;
  const errors: FilterErrors = parsed.ok ? {} : parsed.errors;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query = filtersToQuery(filters);

  const data = useLiveQuery(
    async (): Promise<RegisterData | null> => (parsed.ok ? registerData(db, register, filters, timeZone) : null),
    // The query string stands for the filters (a new object every render).
    [db, register, query, parsed.ok, timeZone],
  );
  const staff = useLiveQuery(() => listStaff(db, { includeInactive: true }), [db]) as Staff[] | undefined;

  const setFilter = (field: FilterField, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === '') next.delete(field);
        else next.set(field, value);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const clearFilters = () => setParams(new URLSearchParams(), { replace: true });
  const setPage = (n: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (n <= 1) next.delete('page');
        else next.set('page', String(n));
        return next;
      },
      { replace: true },
    );

  const entries = data?.entries;
  const pages = entries ? Math.max(1, Math.ceil(entries.length / PAGE_SIZE)) : 1;
  const current = Math.min(page, pages);
  return {
    register,
    /** Switches register, keeping the filters (a new history entry: Back returns to the last one). */
    setRegister: (r: RegisterName) => {
      const search = params.toString();
      navigate(`${sectionPath('registers', r)}${search === '' ? '' : `?${search}`}`);
    },
    raw,
    filters,
    errors,
    valid: parsed.ok,
    query,
    setFilter,
    clearFilters,
    data: data ?? undefined,
    rows: entries?.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    total: entries?.length,
    page: current,
    pages,
    setPage,
    staff,
    nameOf: (id: string) => staff?.find((s) => s.id === id)?.name,
  };
}

export type RegisterState = ReturnType<typeof useRegister>;
