import { useId, useState } from 'react';
import { isSuperior } from '../../../domain/task-rules';
import { useT, type TFunction } from '../../i18n/use-t';
import { formatShort } from '../../ui/time';
import { useSite } from '../../ui/use-site';
import { useStaffMember } from '../../ui/use-staff';
import type { DutyGroup } from './building-day';
import { DayPicker } from './day-picker';
import { EntryDetail } from './entry-detail';
import { EntryFilterChips } from './entry-filter-chips';
import { EntryRow } from './entry-row';
import { TimesInDoubt } from './times-in-doubt';
import { useDayRecord, type DayRecord } from './use-day-record';

/**
 * The record by day (F3, D5, H9): every entry the building recorded on one day, from every duty
 * and tablet, for the section chief's daily check (O1) and the next shift. `staffId` is the
 * signed-in person, who may add amendments in the detail view; a section chief, manager or admin
 * also sees the day's times in doubt and desks opened without a handover (T1, H3).
 */
export function DayRecordScreen({ staffId }: { staffId: string }) {
  const site = useSite();
  // Day boundaries need the building's zone; never fall back to the tablet's own zone (T1).
  if (site === undefined) return null;
  return <DayRecordView staffId={staffId} timeZone={site.timeZone} />;
}

function DayRecordView({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const record = useDayRecord(timeZone);
  const [openEntryId, setOpenEntryId] = useState<string | null>(null);
  const { groups, count } = record;
  // T1, O1: the day's flags are for those who review the record (section chief, manager, admin).
  const me = useStaffMember(staffId);
  const reviews = me ? isSuperior(me.role) : false;

  return (
    <div className="day-record">
      <section className="card day-record-card" aria-labelledby={titleId}>
        <div className="card-top">
          <h2 id={titleId}>{t('day.title')}</h2>
          {groups ? (
            <span className="count">
              {count === 1 ? t('log.list.count.one') : t('log.list.count.other', { count })}
            </span>
          ) : null}
        </div>
        <DayPicker record={record} timeZone={timeZone} />
        <EntryFilterChips filters={record.filters} />
        {groups && count === 0 ? (
          <p className="empty">{record.filters.filtered ? t('log.list.noMatch') : t('day.empty')}</p>
        ) : null}
        {groups?.map((group) => (
          <DutyGroupSection key={group.key} group={group} record={record} timeZone={timeZone} onOpen={setOpenEntryId} />
        ))}
      </section>
      {reviews ? (
        <TimesInDoubt
          flags={record.flags}
          timeZone={timeZone}
          fromMs={record.fromMs}
          nameOf={record.nameOf}
          onOpenEntry={setOpenEntryId}
        />
      ) : null}
      {openEntryId ? (
        <EntryDetail entryId={openEntryId} staffId={staffId} timeZone={timeZone} onClose={() => setOpenEntryId(null)} />
      ) : null}
    </div>
  );
}

/** "Chan Tai Man, 09:00–18:00": who was on duty and when, in the building's zone. */
function groupTitle(t: TFunction, group: DutyGroup, record: DayRecord, timeZone: string): string {
  const { duty } = group;
  if (duty === null) return t('day.group.other');
  const name = record.nameOf(duty.staffId) ?? t('entry.unknownPerson');
  // Times on the shown day read HH:mm; a night duty that began the day before shows its date.
  const start = formatShort(duty.startedAt, record.fromMs, timeZone);
  if (duty.endedAt === null) return t('day.group.onDuty', { name, start });
  return t('day.group.duty', { name, start, end: formatShort(duty.endedAt, record.fromMs, timeZone) });
}

function DutyGroupSection(props: {
  group: DutyGroup;
  record: DayRecord;
  timeZone: string;
  onOpen(entryId: string): void;
}) {
  const { group, record, timeZone, onOpen } = props;
  const t = useT();
  const headingId = useId();
  return (
    <section className="day-group" aria-labelledby={headingId}>
      <h3 id={headingId}>{groupTitle(t, group, record, timeZone)}</h3>
      <ul className="record-rows" aria-labelledby={headingId}>
        {group.entries.map((entry) => (
          <li key={entry.id}>
            <EntryRow
              entry={entry}
              sameDayAs={record.fromMs}
              timeZone={timeZone}
              timeInDoubt={record.inDoubt.has(entry.id)}
              onOpen={() => onOpen(entry.id)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
