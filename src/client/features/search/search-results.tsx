import { useState } from 'react';
import type { SearchHit } from '../../../domain/search-api';
import { useT } from '../../i18n/use-t';
import { useOpenFocus } from '../../state/routes';
import { Button } from '../../ui/button';
import { formatDateTime } from '../../ui/time';
import type { SearchResults } from './use-search';

const ROW_FIELDS = {
  logEntry: [
    ['cause', 'log.cause'],
    ['process', 'log.process'],
    ['result', 'log.result'],
    ['party', 'log.party'],
    ['location', 'log.location'],
  ],
  task: [
    ['title', 'search.table.task'],
    ['cause', 'log.cause'],
    ['process', 'log.process'],
    ['result', 'log.result'],
  ],
} as const;

/**
 * The results, newest first (D5). A record the tablet holds opens on its own screen (an amendment
 * opens its entry, a note its task); one older than the tablet's window, found on the server, is
 * shown here as the server holds it.
 */
export function SearchResultList({ results, timeZone }: { results: SearchResults; timeZone: string }) {
  const t = useT();
  const openFocus = useOpenFocus();
  const [shown, setShown] = useState<string | null>(null);
  const onTablet = (hit: SearchHit) => results.scope === 'tablet' || hit.day >= results.windowStart;

  const open = (hit: SearchHit) => {
    if (!onTablet(hit)) {
      setShown((s) => (s === hit.id ? null : hit.id));
      return;
    }
    if (hit.open.table === 'logEntry') openFocus('log', { table: 'logEntry', id: hit.open.id });
    else openFocus('tasks', { table: 'task', id: hit.open.id });
  };

  return (
    <ol className="search-results">
      {results.hits.map((hit) => (
        <li key={`${hit.table}:${hit.id}`} className="search-hit">
          <Button
            className="search-hit-open"
            onClick={() => open(hit)}
            aria-expanded={onTablet(hit) ? undefined : shown === hit.id}
          >
            <span className="search-hit-meta">
              {t(`search.table.${hit.table}`)} · {formatDateTime(hit.at, timeZone)}
            </span>
            <span className="search-hit-snippet">{hit.snippet}</span>
          </Button>
          {shown === hit.id ? <ServerRow hit={hit} onClose={() => setShown(null)} /> : null}
        </li>
      ))}
    </ol>
  );
}

/** A record older than the tablet's window, as the server sent it. */
function ServerRow({ hit, onClose }: { hit: SearchHit; onClose(): void }) {
  const t = useT();
  const table = hit.table === 'logEntry' || hit.table === 'task' ? hit.table : null;
  return (
    <div className="search-server-row" role="region" aria-label={hit.snippet}>
      <p className="hint">{t('search.notOnTablet')}</p>
      <dl>
        {table ? (
          ROW_FIELDS[table].map(([field, label]) =>
            typeof hit.row[field] === 'string' && hit.row[field] !== '' ? (
              <div key={field}>
                <dt>{t(label)}</dt>
                <dd>{String(hit.row[field])}</dd>
              </div>
            ) : null,
          )
        ) : (
          <div>
            <dt>{t(`search.table.${hit.table}`)}</dt>
            <dd>{String(hit.row.text ?? '')}</dd>
          </div>
        )}
      </dl>
      <Button onClick={onClose}>{t('search.close')}</Button>
    </div>
  );
}
