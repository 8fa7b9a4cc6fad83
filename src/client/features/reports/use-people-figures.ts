import { useLiveQuery } from 'dexie-react-hooks';
import { computePersonFigures, monthBounds, type PersonFigures } from '../../../domain/person-figures';
import type { Site, Staff } from '../../../domain/entities';
import { listStaff } from '../../db/queries';
import { personRowsBetween } from '../../db/queries/report-queries';
import { useDb } from '../../ui/db-context';

export interface PeopleFigures {
  figures: PersonFigures[];
  staff: Staff[];
}

/**
 * O3: each person's figures for month `month` (`yyyy-MM` in the building's zone), computed on the
 * tablet from its rows with the server's own function, sorted by name. Undefined while loading.
 */
export function usePeopleFigures(month: string, site: Site): PeopleFigures | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const { fromMs, toMs } = monthBounds(month, site.timeZone);
    const rows = await personRowsBetween(db, fromMs, toMs);
    // Inactive people too: a person who has left still has their month's figures.
    const staff = await listStaff(db, { includeInactive: true });
    const names = new Map(staff.map((s) => [s.id, s.name]));
    const figures = computePersonFigures(rows, month, site.timeZone, site).sort((a, b) =>
      (names.get(a.staffId) ?? a.staffId).localeCompare(names.get(b.staffId) ?? b.staffId, 'zh-Hant'),
    );
    return { figures, staff };
  }, [db, month, site.timeZone, site.incomingLeadMinutes, site.outgoingLeadMinutes]);
}
