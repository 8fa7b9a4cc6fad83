/** The building's day lives in the domain (`src/domain/building-day.ts`): the server needs it too. */
export { dayBounds, dayKeyOf, groupByDuty, isDayKey, shiftDayKey, type DutyGroup } from '../../../domain/building-day';
