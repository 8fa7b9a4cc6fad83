/**
 * H1: the times a handover is measured against, and how late an actual time was. Pure: the caller
 * passes the scheduled change (the end of the outgoing person's rostered shift) and the building's
 * lead times. Shared by the handover screen, its signed record and the handover history.
 */

const MINUTE = 60_000;

/** H1: when the outgoing person's preparation, and so the handover screen, opens. */
export function opensAt(scheduledAt: number, outgoingLeadMinutes: number): number {
  return scheduledAt - outgoingLeadMinutes * MINUTE;
}

/** H1: when the incoming person is expected at the desk. */
export function incomingExpectedAt(scheduledAt: number, incomingLeadMinutes: number): number {
  return scheduledAt - incomingLeadMinutes * MINUTE;
}

/** Whole minutes from `scheduledAt` to `actualAt`: positive when late, negative when early. */
export function minutesLate(scheduledAt: number, actualAt: number): number {
  return Math.round((actualAt - scheduledAt) / MINUTE);
}

/**
 * H1: how late the incoming person joined a handover, in whole minutes against `incomingLeadMinutes`
 * before the scheduled change (negative when early), or null when there is nothing to measure: an
 * opening or closing (no one joins), no scheduled change (no rostered shift) or no join recorded.
 */
export function joinLateness(
  record: { kind: string; scheduledAt: number | null; joinedAt: number | null },
  incomingLeadMinutes: number,
): number | null {
  if (record.kind !== 'handover' || record.scheduledAt === null || record.joinedAt === null) return null;
  return minutesLate(incomingExpectedAt(record.scheduledAt, incomingLeadMinutes), record.joinedAt);
}
