/**
 * T1 (docs/rules.md): the server cannot take a tablet's clock at its word. Every op carries the
 * tablet's own clock (`deviceTime`) and rows carry times the tablet stamped with its corrected
 * clock (`recordedAt`, `signedAt`...). The server keeps a row as sent, but flags it for the section
 * chief (a `reviewFlag`) when a stamp is more than CLOCK_SKEW_WARN_MS from the time the server
 * estimates for the op, or when the tablet's clock went backwards between two ops. Pure, so the
 * same table serves the server and any screen that explains a flag.
 */
import { CLOCK_SKEW_WARN_MS, type WritableTable } from './sync-protocol';

/**
 * The time fields each table's rows are stamped with at the moment of the op that writes them
 * (the tablet's corrected "now"). Times a person types or picks (`occurredAt`, `dueAt`,
 * `operationEndedAt`), rota times and times copied from other rows are not stamps and are absent.
 * A handover record's `openedAt`/`joinedAt` are copied from its draft, which was checked when
 * those were stamped; a duty's `endedAt` is set by the server from the closing record (H3).
 */
export const STAMPED_TIME_FIELDS = {
  site: [],
  staff: [],
  duty: ['startedAt'],
  logEntry: ['recordedAt'],
  logAmendment: ['recordedAt'],
  item: [],
  itemMovement: ['recordedAt'],
  task: ['createdAt', 'closedAt'],
  taskNote: ['recordedAt'],
  acknowledgement: ['recordedAt'],
  rotaShift: [],
  swapRequest: ['requestedAt', 'confirmedAt', 'approvedAt', 'decidedAt'],
  handover: ['openedAt', 'joinedAt'],
  countLine: ['recordedAt'],
  handoverRecord: ['signedAt'],
  photo: ['takenAt'],
  /** A dismissal's time is checked like any other stamp (the sync panel, issue 7). */
  syncError: ['dismissedAt'],
  escalation: ['sentAt', 'acknowledgedAt', 'decidedAt'],
  dayReview: ['signedAt'],
  spotCheck: ['checkedAt'],
  conflictResolution: ['resolvedAt'],
  dailyReport: ['submittedAt'],
  serviceOrder: ['issuedAt'],
} as const satisfies Record<WritableTable, readonly string[]>;

/**
 * The server's estimate of when an op was made, on the server's clock: the op's device time
 * corrected by the device's clock offset (server time minus device time), or null when no offset
 * is known for the device.
 */
export function estimateOpTime(deviceTime: number, offsetMs: number | null): number | null {
  return offsetMs === null ? null : deviceTime + offsetMs;
}

/** The device's clock offset learned at one push: receipt time minus the tablet's clock then. */
export function clockOffsetAt(receivedAt: number, deviceNow: number): number {
  return receivedAt - deviceNow;
}

/** A stamped time the server does not believe, with what it expected instead. */
export interface SkewedStamp {
  field: string;
  stampedAt: number;
  /** The server's estimate of the true time; null when only the receipt time bounded it. */
  expectedAt: number | null;
}

/**
 * The stamped times among `fields` (an op's fields) that are too far from the server's estimate.
 * With an estimate (`expectedAt`), a stamp more than `toleranceMs` off either way is skewed. With
 * none, the op may have waited in an offline queue for any time, so an early stamp proves nothing;
 * only a stamp later than the receipt time (beyond the tolerance) is certainly wrong.
 */
export function skewedStamps(
  table: WritableTable,
  fields: Readonly<Record<string, unknown>>,
  estimate: { expectedAt: number | null; receivedAt: number },
  toleranceMs: number = CLOCK_SKEW_WARN_MS,
): SkewedStamp[] {
  const out: SkewedStamp[] = [];
  for (const field of STAMPED_TIME_FIELDS[table] as readonly string[]) {
    const stampedAt = fields[field];
    if (typeof stampedAt !== 'number') continue;
    const { expectedAt, receivedAt } = estimate;
    const skewed =
      expectedAt !== null ? Math.abs(stampedAt - expectedAt) > toleranceMs : stampedAt > receivedAt + toleranceMs;
    if (skewed) out.push({ field, stampedAt, expectedAt });
  }
  return out;
}

/** T1: the tablet's clock went backwards: this op's device time is earlier than its previous op's. */
export function clockWentBackwards(deviceTime: number, previousDeviceTime: number | null): boolean {
  return previousDeviceTime !== null && deviceTime < previousDeviceTime;
}
