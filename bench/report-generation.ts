/**
 * O2: the daily report's generation time. A tablet database holding 90 days of a busy desk (about
 * 20,000 entries, their amendments, three signed handovers a day with a 40-item count, escalations)
 * is filled, then the report of its busiest day is generated as the report screen does it
 * (`dayReportData`: the day's rows read by index, the figures computed). IndexedDB is
 * fake-indexeddb in Node here, not the browser's, so the figure is the cost of the queries and the
 * aggregation rather than of a particular browser's storage.
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { dayBounds, shiftDayKey } from '../src/domain/building-day';
import { computeDayFigures } from '../src/domain/day-figures';
import { LOG_KINDS, type LogEntry } from '../src/domain/entities';
import type { HandoverRecord } from '../src/domain/handover-entities';
import { newId } from '../src/domain/ids';
import type { Escalation } from '../src/domain/review-entities';
import { openHandoverDb } from '../src/client/db/open';
import { dayReportData, rowsBetween } from '../src/client/db/queries/report-queries';

const TZ = 'Asia/Hong_Kong';
const DAYS = 90;
const ENTRIES_PER_DAY = 220;
const BUSY_DAY_ENTRIES = 400;
const ITEMS = 40;
const RUNS = 30;
const HOUR = 3_600_000;
const LAST_DAY = '2026-03-31';
const HLC = '001774900000000-0000-bench';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function entryAt(siteId: string, staffId: string, occurredAt: number, i: number): LogEntry {
  const kind = LOG_KINDS[i % LOG_KINDS.length]!;
  return {
    id: newId(),
    siteId,
    updatedAt: HLC,
    deleted: false,
    kind,
    severity: i % 17 === 0 ? 'major' : i % 97 === 0 ? 'emergency' : 'routine',
    status: i % 5 === 0 ? 'open' : i % 11 === 0 ? 'referred' : 'resolved',
    cause: `住戶查詢 ${i}：大堂冷氣機漏水，需通知工程部跟進`,
    process: '已通知工程部',
    result: i % 5 === 0 ? '' : '已處理',
    party: `${(i % 40) + 1}/F`,
    contact: '',
    location: '大堂',
    occurredAt,
    referredTo: i % 11 === 0 ? '工程部' : '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    dutyId: newId(),
    staffId,
    recordedAt: occurredAt + 60_000,
    deviceTime: occurredAt + 60_000,
  };
}

function recordAt(siteId: string, scheduledAt: number, staff: string[], n: number): HandoverRecord {
  const count = Array.from({ length: ITEMS }, (_, k) => ({
    itemId: newId(),
    code: `K${k}`,
    label: `Key ${k}`,
    category: 'key',
    expected: 1,
    state: k === n % ITEMS && n % 4 === 0 ? 'missing' : 'present',
    quantity: 1,
    lent: 0,
    borrowers: [],
    explanation: '',
    photoSha256s: [],
  }));
  return {
    id: newId(),
    siteId,
    updatedAt: HLC,
    deleted: false,
    kind: 'handover',
    handoverId: newId(),
    correctsId: null,
    outgoingDutyId: newId(),
    outgoingStaffId: staff[n % staff.length]!,
    incomingStaffId: staff[(n + 1) % staff.length]!,
    newDutyId: newId(),
    scheduledAt,
    openedAt: scheduledAt - 20 * 60_000,
    joinedAt: scheduledAt - (n % 3 === 0 ? 0 : 10) * 60_000,
    signedAt: scheduledAt + 10 * 60_000,
    count,
  } as unknown as HandoverRecord;
}

export interface ReportGenerationResult {
  entriesInDb: number;
  busyDayEntries: number;
  runs: number;
  p50: number;
  p95: number;
  /** The aggregation alone (computeDayFigures over the day's rows), p50. */
  figuresP50: number;
}

/** Fills a tablet database, then times the report of its busiest day `RUNS` times. */
export async function benchReportGeneration(): Promise<ReportGenerationResult> {
  const db = openHandoverDb(`bench-report-${newId()}`);
  const siteId = newId();
  const staff = Array.from({ length: 8 }, () => newId());
  let n = 0;
  try {
    for (let d = 0; d < DAYS; d += 1) {
      const day = shiftDayKey(LAST_DAY, -d);
      const { fromMs } = dayBounds(day, TZ);
      const count = d === 1 ? BUSY_DAY_ENTRIES : ENTRIES_PER_DAY;
      const entries = Array.from({ length: count }, (_, i) =>
        entryAt(siteId, staff[i % staff.length]!, fromMs + Math.floor((i * 24 * HOUR) / count), n + i),
      );
      n += count;
      const records = [1, 9, 17].map((h, k) => recordAt(siteId, fromMs + h * HOUR, staff, d * 3 + k));
      const escalations: Escalation[] = entries
        .filter((_, i) => i % 40 === 0)
        .map((e) => ({
          id: newId(),
          siteId,
          updatedAt: HLC,
          deleted: false,
          entryId: e.id,
          level: 'chief',
          forwardedFromId: null,
          reason: '住戶多次投訴',
          sentBy: e.staffId,
          sentAt: e.occurredAt + 5 * 60_000,
          acknowledgedBy: null,
          acknowledgedAt: null,
          decision: '',
          decidedBy: null,
          decidedAt: null,
        }));
      await db.transaction('rw', [db.logEntry, db.handoverRecord, db.escalation, db.logAmendment], async () => {
        await db.logEntry.bulkAdd(entries.map((e) => ({ ...e, _versions: {} })));
        await db.handoverRecord.bulkAdd(records.map((r) => ({ ...r, _versions: {} })));
        await db.escalation.bulkAdd(escalations.map((e) => ({ ...e, _versions: {} })));
        await db.logAmendment.bulkAdd(
          entries
            .filter((e) => e.status === 'resolved')
            .map((e) => ({
              id: newId(),
              siteId,
              updatedAt: HLC,
              deleted: false,
              entryId: e.id,
              staffId: e.staffId,
              text: '已處理',
              statusChange: 'resolved' as const,
              recordedAt: e.occurredAt + 45 * 60_000,
              deviceTime: e.occurredAt + 45 * 60_000,
              _versions: {},
            })),
        );
      });
    }
    const busyDay = shiftDayKey(LAST_DAY, -1);
    // One untimed run warms the indexes, as a tablet in use has them warm.
    await dayReportData(db, busyDay, TZ, 5);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      const data = await dayReportData(db, busyDay, TZ, 5);
      times.push(performance.now() - start);
      if (data.figures.entries !== BUSY_DAY_ENTRIES)
        throw new Error(`expected ${BUSY_DAY_ENTRIES} entries, got ${data.figures.entries}`);
    }
    const { fromMs, toMs } = dayBounds(busyDay, TZ);
    const rows = await rowsBetween(db, fromMs, toMs);
    const figureTimes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      computeDayFigures(rows, 5);
      figureTimes.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    figureTimes.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      entriesInDb: n,
      busyDayEntries: BUSY_DAY_ENTRIES,
      runs: RUNS,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      figuresP50: Math.round(percentile(figureTimes, 50) * 1000) / 1000,
    };
  } finally {
    db.close();
    await db.delete();
  }
}

// `node --import tsx bench/report-generation.ts` runs this measurement alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  benchReportGeneration().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
