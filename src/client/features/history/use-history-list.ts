import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { historyPage, type HistoryFilter, type HistoryPage } from '../../db/queries/history-queries';
import { useDb } from '../../ui/db-context';
import { useStaffNames } from '../../ui/use-staff';

/** Records per page: a screenful or two; "Show older records" adds as many again. */
export const HISTORY_PAGE = 50;

export interface HistoryList {
  /** undefined while loading. */
  page: HistoryPage | undefined;
  /** Every person's name (inactive people too: a past record still names who signed it). */
  nameOf(id: string | null): string;
  showMore(): void;
  /** Names are loaded: a row read as "Unknown person" for a moment would alarm more than a blank. */
  ready: boolean;
}

/**
 * The newest signed records matching `filter`, live (records pulled from other tablets appear
 * without a reload), one page at a time: the query walks the `signedAt` index and stops after the
 * page, so two years of records (about 2,200) stay fast. A new filter starts again at one page.
 */
export function useHistoryList(filter: HistoryFilter, unknownName: string, noneName: string): HistoryList {
  const db = useDb();
  const names = useStaffNames();
  const key = `${filter.fromMs}|${filter.toMs}|${filter.kind}`;
  const [pages, setPages] = useState({ key, count: 1 });
  // Adjusting state during render (not in an effect): a changed filter shows its first page at once.
  const count = pages.key === key ? pages.count : 1;
  if (pages.key !== key) setPages({ key, count: 1 });
  const page = useLiveQuery(
    () => historyPage(db, filter, count * HISTORY_PAGE),
    [db, filter.fromMs, filter.toMs, filter.kind, count],
  );
  return {
    page,
    ready: names !== undefined,
    nameOf: (id) => (id === null ? noneName : (names?.get(id) ?? unknownName)),
    showMore: () => setPages({ key, count: count + 1 }),
  };
}
