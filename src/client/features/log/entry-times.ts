/** Time rules of the entry form that the datetime-local input needs on top of the domain's. */

/**
 * T1: a typed time within the minute the duty began means "at the start": the input has no
 * seconds, so 09:00 typed for a duty begun at 09:00:35 is not a time before the duty, and asks for
 * no reason. Any earlier time stays as typed (validateLogEntry then asks for the reason).
 */
export function atDutyStart(ms: number, dutyStartedAt: number | null): number {
  return dutyStartedAt !== null && ms < dutyStartedAt && ms + 60_000 > dutyStartedAt ? dutyStartedAt : ms;
}
