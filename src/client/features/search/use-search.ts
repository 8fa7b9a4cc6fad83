import { useEffect, useState } from 'react';
import { parseSearchFilters, type FilterProblem, type SearchHit } from '../../../domain/search-api';
import { windowStartDay } from '../../db/local-prune';
import { searchLocal, warmLocalSearch } from '../../db/queries/local-search';
import { useSessionStore } from '../../state/session-store';
import { fetchServerSearch } from '../../sync/search-client';
import { useDb } from '../../ui/db-context';
import { useClockOffset } from '../../ui/use-now';
import { useOnline } from '../../ui/use-online';
import { useSite } from '../../ui/use-site';

/** The search box and the register filters, as typed. */
export interface SearchDraft {
  q: string;
  from: string;
  to: string;
  kind: string;
  severity: string;
  status: string;
  staffId: string;
  location: string;
}

export const EMPTY_DRAFT: SearchDraft = {
  q: '',
  from: '',
  to: '',
  kind: '',
  severity: '',
  status: '',
  staffId: '',
  location: '',
};

/** What was searched where, and what came back. */
export interface SearchResults {
  scope: 'tablet' | 'server';
  q: string;
  hits: SearchHit[];
  /** The first day the tablet holds; older records are on the server only. */
  windowStart: string;
  /** Whether the filters' range starts before the tablet's window. */
  reachesOutside: boolean;
  /** The server's next page, when there is one. */
  cursor: string | null;
  /** The filters searched, for the next page. */
  params: Record<string, string>;
}

/** Results per page, on the tablet and from the server. */
const PAGE = 50;

/**
 * The search screen's state (D5): a search runs on the tablet's window first (offline too); the
 * server's search, over every record, runs when asked and the tablet is online. A bad filter is
 * shown beside its field and nothing typed is lost.
 */
export function useSearch() {
  const db = useDb();
  const site = useSite();
  const offsetMs = useClockOffset();
  const online = useOnline();
  // Issue 9 §3: the server search is asked in the signed-in person's name, with proof.
  const viewerId = useSessionStore((s) => s.staffId) ?? '';
  const [draft, setDraft] = useState<SearchDraft>(EMPTY_DRAFT);
  const [error, setError] = useState<FilterProblem | null>(null);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const timeZone = site?.timeZone;
  const windowDays = site?.localWindowDays;
  useEffect(() => {
    if (timeZone === undefined || windowDays === undefined) return;
    // The tablet's first search reads and normalises its whole window: start it as the screen opens.
    warmLocalSearch(db, { nowMs: Date.now(), timeZone, windowDays }).catch(() => undefined);
  }, [db, timeZone, windowDays]);

  const setField = (field: keyof SearchDraft, value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const checked = () => {
    const params = { ...draft, limit: String(PAGE) };
    const parsed = parseSearchFilters(params);
    setError(parsed.ok ? null : parsed.error);
    return parsed.ok ? { filters: parsed.filters, params } : null;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const searchTablet = () => {
    const c = checked();
    if (!c || !site) return;
    void run(async () => {
      const opts = { nowMs: Date.now() + (offsetMs ?? 0), timeZone: site.timeZone, windowDays: site.localWindowDays };
      const local = await searchLocal(db, c.filters, opts);
      setResults({ scope: 'tablet', q: c.filters.q, cursor: null, params: c.params, ...local });
    });
  };

  const searchServer = () => {
    const c = checked();
    if (!c || !site) return;
    void run(async () => {
      const page = await fetchServerSearch(db, viewerId, c.params);
      // Which results the tablet also holds (they open on their own screen), and which only the server.
      const windowStart = windowStartDay(Date.now() + (offsetMs ?? 0), site.timeZone, site.localWindowDays);
      const reachesOutside = c.filters.from === null || c.filters.from < windowStart;
      setResults({
        scope: 'server',
        q: c.filters.q,
        hits: page.hits,
        cursor: page.cursor,
        params: c.params,
        windowStart,
        reachesOutside,
      });
    });
  };

  const more = () => {
    if (!results || results.scope !== 'server' || results.cursor === null) return;
    const { cursor, params } = results;
    void run(async () => {
      const page = await fetchServerSearch(db, viewerId, { ...params, cursor });
      setResults((r) => (r ? { ...r, hits: [...r.hits, ...page.hits], cursor: page.cursor } : r));
    });
  };

  return { draft, setField, error, results, busy, failure, online, site, searchTablet, searchServer, more };
}
