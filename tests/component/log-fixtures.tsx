/**
 * Shared set-up for the duty-record component tests of issue 7: a duty written straight into
 * Dexie (as a pull or a signed handover leaves it) and the log feature's own parts (entry form,
 * list and detail) rendered together, without the screen that opens and closes the desk.
 */
import { useState } from 'react';
import type { Duty, LogEntry, LogEntryFields } from '../../src/domain/entities';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { createLogEntry } from '../../src/client/db/repos/log-repo';
import { makeWriteContext } from '../../src/client/db/repos/write-context';
import { EntryDetail } from '../../src/client/features/log/entry-detail';
import { EntryForm } from '../../src/client/features/log/entry-form';
import { EntryList } from '../../src/client/features/log/entry-list';
import type { SeededTablet } from './helpers';

export const ZONE = 'Asia/Hong_Kong';

/** An open duty of `staffId` that began at `startedAt`, as this tablet holds it. */
export async function seedDuty(tablet: SeededTablet, staffId: string, startedAt: number): Promise<Duty> {
  const duty: Duty = {
    id: newId(),
    siteId: tablet.siteId,
    updatedAt: formatHlc({ wallMs: startedAt, counter: 0, node: 'seed' }),
    deleted: false,
    staffId,
    deviceId: tablet.deviceId,
    shiftId: 'day',
    startedAt,
    endedAt: null,
    handoverId: null,
  };
  await tablet.db.duty.put({ ...duty, _versions: {} });
  return duty;
}

export const BLANK_FIELDS: Omit<LogEntryFields, 'kind' | 'severity' | 'cause' | 'occurredAt'> = {
  status: 'open',
  process: '',
  result: '',
  party: '',
  contact: '',
  location: '',
  referredTo: '',
  operationEndedAt: null,
  backdateReason: '',
  channel: null,
  partyType: null,
  unit: '',
  assignedTo: '',
  completedAt: null,
};

/** An entry written on this tablet through the repository, as the form would. */
export async function seedEntry(
  tablet: SeededTablet,
  staffId: string,
  dutyId: string,
  fields: Pick<LogEntryFields, 'kind' | 'severity' | 'cause' | 'occurredAt'> & Partial<LogEntryFields>,
): Promise<LogEntry> {
  const r = await createLogEntry(tablet.db, await makeWriteContext(tablet.db, staffId), {
    dutyId,
    fields: { ...BLANK_FIELDS, ...fields },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

/** The entry form, the duty's list and the detail of the entry tapped in it. */
export function DutyRecordParts({ dutyId, staffId }: { dutyId: string; staffId: string }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <EntryForm dutyId={dutyId} staffId={staffId} timeZone={ZONE} correctedNow={() => Date.now()} />
      <EntryList dutyId={dutyId} timeZone={ZONE} onOpen={setOpenId} />
      {openId ? (
        <EntryDetail entryId={openId} staffId={staffId} timeZone={ZONE} onClose={() => setOpenId(null)} />
      ) : null}
    </>
  );
}
