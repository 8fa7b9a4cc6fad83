/**
 * Rows of a building day for the component tests of the chief's review (O1), as pulls leave them
 * on the tablet: staff, duties and entries through the repositories; the server's rows (flags,
 * refusals, conflicts) and other tablets' rows (records, reports, spot checks) written straight in.
 */
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import type { SyncTable } from '../../src/domain/entities';
import { presentLine, signedRecord, type RecordFields } from '../unit/server/record-fixtures';
import type { SeededTablet } from './helpers';

/** Hong Kong local time as UTC ms (the building's zone, UTC+8). */
export const hk = (local: string) => new Date(`${local}+08:00`).getTime();

/** A row as a pull leaves it (versions 1: the server holds it). */
export async function pulled(tablet: SeededTablet, table: SyncTable, row: Record<string, unknown>): Promise<void> {
  const full = {
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'server' }),
    deleted: false,
    ...row,
  };
  const versions: Record<string, number> = {};
  for (const k of Object.keys(full)) if (k !== 'id' && k !== 'siteId') versions[k] = 1;
  await tablet.db.syncTable(table).put({ ...full, _versions: versions } as never);
}

/** A signed handover from `outgoing` to `incoming`, joined `lateMinutes` after the incoming person was due. */
export async function pulledHandover(
  tablet: SeededTablet,
  people: { outgoing: string; incoming: string; dutyId: string; dutyStartedAt: number },
  scheduledAt: number,
  lateMinutes: number,
): Promise<RecordFields> {
  const record = await signedRecord({
    siteId: tablet.siteId,
    handoverId: newId(),
    outgoing: { dutyId: people.dutyId, staffId: people.outgoing, startedAt: people.dutyStartedAt, entries: [] },
    incomingStaffId: people.incoming,
    signedAt: scheduledAt + 10 * 60_000,
    syncCursor: 3,
    scheduledAt,
    joinedAt: scheduledAt - 5 * 60_000 + lateMinutes * 60_000,
    count: [
      presentLine(newId(), 'K-1'),
      { ...presentLine(newId(), 'R-2'), state: 'missing', quantity: 0, explanation: '對講機不見了' },
    ],
  });
  await pulled(tablet, 'handoverRecord', record);
  return record;
}
