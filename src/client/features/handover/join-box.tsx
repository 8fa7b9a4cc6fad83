import { useState } from 'react';
import type { Site } from '../../../domain/entities';
import type { Handover } from '../../../domain/handover-entities';
import { joinHandover, type JoinError } from '../../db/repos/desk-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { PinEntry } from './pin-entry';
import { incomingExpectedAt, minutesLate } from '../../../domain/lateness';
import { usePinConfirm } from './use-pin-confirm';

const joinErrorKey = (e: JoinError): MessageKey => `handover.join.error.${e}`;

/**
 * H1: the incoming person joins the handover with their own PIN on arrival. The arrival is
 * recorded, and from then on the count, the read receipts and the restatement are theirs.
 */
export function JoinBox(props: {
  handover: Handover;
  person: { id: string; name: string };
  timeZone: string;
  onJoined?(): void;
}) {
  const { handover, person, timeZone } = props;
  const t = useT();
  const db = useDb();
  const pin = usePinConfirm(person.id);
  const [refusal, setRefusal] = useState<JoinError | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const join = async () => {
    setRefusal(null);
    setFailure(null);
    if (!(await pin.confirm())) return;
    try {
      const res = await joinHandover(db, await makeWriteContext(db, person.id), handover.id);
      if (res.ok) props.onJoined?.();
      else setRefusal(res.errors);
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <div className="handover-join">
      <PinEntry
        person={person}
        pin={pin}
        submitLabel={t('handover.join.submit')}
        onSubmit={() => void join()}
        timeZone={timeZone}
      />
      {refusal ? (
        <p role="alert" className="form-error">
          {t(joinErrorKey(refusal))}
        </p>
      ) : null}
      <FailureAlert error={failure} />
    </div>
  );
}

/**
 * H1: when the incoming person joined, against when they were due at the desk: `incomingLeadMinutes`
 * before the change of shift.
 */
export function JoinedAt(props: {
  handover: Pick<Handover, 'joinedAt' | 'scheduledAt'>;
  name: string;
  site: Pick<Site, 'incomingLeadMinutes' | 'timeZone'>;
  nowMs: number;
}) {
  const { handover: h, name, site, nowMs } = props;
  const t = useT();
  if (h.joinedAt === null) return null;
  const when = (ms: number) => formatShort(ms, nowMs, site.timeZone);
  const time = when(h.joinedAt);
  if (h.scheduledAt === null) {
    return (
      <p role="status" className="form-ok handover-joined">
        {t('handover.join.noSchedule', { name, time })}
      </p>
    );
  }
  const expected = incomingExpectedAt(h.scheduledAt, site.incomingLeadMinutes);
  const late = minutesLate(expected, h.joinedAt);
  const args = { name, time, expected: when(expected), minutes: Math.abs(late) };
  return (
    <p role="status" className={late > 0 ? 'callout handover-joined' : 'form-ok handover-joined'}>
      {late > 0
        ? t('handover.join.late', args)
        : late < 0
          ? t('handover.join.early', args)
          : t('handover.join.onTime', args)}
    </p>
  );
}
