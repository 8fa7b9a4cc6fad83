import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { dayBounds, dayKeyOf, isDayOver } from '../../../domain/building-day';
import type { Site } from '../../../domain/entities';
import { dayReportData, type DayReportData } from '../../db/queries/report-queries';
import { submitDailyReport, type ReportSubmitError } from '../../db/repos/report-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';
import { useAction } from '../../ui/use-action';
import { useCorrectedNow, useNow } from '../../ui/use-now';

export interface DayReport {
  /** The report generated from this tablet's rows of the day; undefined while loading. */
  data: DayReportData | undefined;
  /** O2: whether the day is over (T1: by the server-corrected clock, in the building's zone). */
  over: boolean;
  /** When the day ends (UTC ms): from then on its report can be submitted. */
  endsAt: number;
  /** The report the signed-in person already submitted for this day, if any. */
  mine: DayReportData['reports'][number] | undefined;
  submit(remarks: string): Promise<boolean>;
  busy: boolean;
  /** Why the last submission was refused, or a failure of the local write. */
  refusal: ReportSubmitError | null;
  failure: unknown;
}

/**
 * O2: the daily department report of building day `day`, generated live from the day's rows (rows
 * pulled from other tablets update it), and its submission by `staffId` with remarks.
 */
export function useDayReport(day: string, site: Site, staffId: string): DayReport {
  const db = useDb();
  const tabletNow = useNow();
  const now = useCorrectedNow() ?? tabletNow;
  const data = useLiveQuery(
    () => dayReportData(db, day, site.timeZone, site.incomingLeadMinutes),
    [db, day, site.timeZone, site.incomingLeadMinutes],
  );
  const [refusal, setRefusal] = useState<ReportSubmitError | null>(null);
  const action = useAction(async (remarks: string) => {
    if (!data) return false;
    const ctx = await makeWriteContext(db, staffId);
    // The figures are generated again at the moment of submission, so what is frozen is current.
    const fresh = await dayReportData(db, day, site.timeZone, site.incomingLeadMinutes);
    const result = await submitDailyReport(db, ctx, { day, timeZone: site.timeZone, figures: fresh.figures, remarks });
    setRefusal(result.ok ? null : result.errors);
    return result.ok;
  });
  return {
    data,
    over: isDayOver(day, site.timeZone, now),
    endsAt: dayBounds(day, site.timeZone).toMs,
    mine: data?.reports.find((r) => r.staffId === staffId),
    submit: async (remarks) => (await action.run(remarks)) === true,
    busy: action.busy,
    refusal,
    failure: action.error,
  };
}

/** Today in the building, by the server-corrected clock (T1). */
export function useToday(timeZone: string): string {
  const tabletNow = useNow();
  return dayKeyOf(useCorrectedNow() ?? tabletNow, timeZone);
}
