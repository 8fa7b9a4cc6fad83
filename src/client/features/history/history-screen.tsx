import { useLocation } from 'wouter';
import { sectionPath, usePathDetail } from '../../state/routes';
import { useSite } from '../../ui/use-site';
import { HistoryList } from './history-list';
import { HistoryRecord } from './history-record';
import '../../styles/history.css';
import '../../styles/print-history.css';

/**
 * The handover history (issue 8, O1): `/history` lists every signed handover, opening and closing,
 * `/history/<recordId>` reads one. Everyone signed in at the building may read it (the desk too);
 * nothing here writes. The list's filters live in the URL's query and are kept when a record is
 * opened (a new history entry, so Back returns to the list) and on the way back.
 */
export function HistoryScreen() {
  const site = useSite();
  const [detail] = usePathDetail('history');
  const [, navigate] = useLocation();
  // Building days and times need the building's zone; never fall back to the tablet's own (T1).
  if (site === undefined) return null;
  return (
    <div className="history">
      {detail === null ? (
        <HistoryList site={site} onOpen={(id, search) => navigate(`${sectionPath('history', id)}${search}`)} />
      ) : (
        <HistoryRecord
          recordId={detail}
          site={site}
          onBack={() => navigate(`${sectionPath('history')}${window.location.search}`)}
        />
      )}
    </div>
  );
}
