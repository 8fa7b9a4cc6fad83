import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { Staff } from '../../../domain/entities';
import { listStaff } from '../../db/queries';
import { approveSubstitute, approveSubstituteByCover } from '../../db/repos/desk-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { formatShort } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { PinEntry } from './pin-entry';
import type { HandoverFlowState } from './use-handover-flow';
import { usePinConfirm } from './use-pin-confirm';

type Part = 'chief' | 'manager';

/** One approver: chosen among the active people of the role, who then enters their own PIN. */
function Approver({
  flow,
  part,
  people,
  timeZone,
}: {
  flow: HandoverFlowState;
  part: Part;
  people: Staff[];
  timeZone: string;
}) {
  const t = useT();
  const db = useDb();
  const [personId, setPersonId] = useState(people.length === 1 ? (people[0]?.id ?? '') : '');
  const person = people.find((p) => p.id === personId);
  const pin = usePinConfirm(personId);
  const [refused, setRefused] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const approve = async () => {
    if (!person) return;
    setRefused(false);
    setFailure(null);
    if (!(await pin.confirm())) return;
    try {
      const ctx = await makeWriteContext(db, person.id);
      const res = await approveSubstitute(db, ctx, { handoverId: flow.handover.id, as: part });
      if (!res.ok) setRefused(true);
    } catch (e) {
      setFailure(e);
    }
  };

  if (people.length === 0)
    return (
      <p className="callout">{t(part === 'chief' ? 'handover.substitute.noChief' : 'handover.substitute.noManager')}</p>
    );
  return (
    <div className="handover-approver">
      <Field label={t(part === 'chief' ? 'handover.substitute.chief' : 'handover.substitute.manager')}>
        {(p) => (
          <select {...p} value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{t('handover.person.choose')}</option>
            {people.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {person ? (
        <PinEntry
          person={person}
          pin={pin}
          submitLabel={t(part === 'chief' ? 'handover.substitute.confirmSubmit' : 'handover.substitute.approveSubmit')}
          onSubmit={() => void approve()}
          timeZone={timeZone}
        />
      ) : null}
      {refused && person ? (
        <p role="alert" className="form-error">
          {t('handover.substitute.error.role', { name: person.name })}
        </p>
      ) : null}
      <FailureAlert error={failure} />
    </div>
  );
}

/**
 * H11(d), S1: a substitute is a cover, so the section chief confirms it and the property office
 * manager approves it: on the spot, each with their own PIN at the tablet, or beforehand through a
 * cover request of the rota (found here in the effective rota of the incoming shift).
 */
export function SubstituteApproval({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const db = useDb();
  const titleId = useId();
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const h = flow.handover;
  const approval = h.substituteApproval ?? null;
  const sub = h.substituteStaffId;
  // An approved cover request puts the substitute on the incoming shift in the effective rota.
  const cover = flow.gate?.assignments.find(
    (a) =>
      a.staffId === sub && a.viaSwapId !== null && flow.gate?.candidates.some((c) => c.rotaShiftId === a.rotaShiftId),
  );
  const preparerId = flow.preparerId;
  const byCover = useAction(async (swapRequestId: string) => {
    await approveSubstituteByCover(db, await makeWriteContext(db, preparerId), { handoverId: h.id, swapRequestId });
  });
  if (!staff || sub === null) return null;
  const name = (id: string | null) => staff.find((s) => s.id === id)?.name ?? t('entry.unknownPerson');
  const when = (ms: number | null) => (ms === null ? '' : formatShort(ms, flow.nowMs, timeZone));
  const chiefs = staff.filter((s) => s.role === 'chief');
  const managers = staff.filter((s) => s.role === 'manager');
  const viaCover = (approval?.swapRequestId ?? null) !== null && approval?.swapRequestId === cover?.viaSwapId;

  return (
    <section className="handover-section handover-approval" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('handover.substitute.approval')}</h4>
      <p className="meta">{t('handover.substitute.approvalIntro')}</p>
      {viaCover ? <p className="form-ok">{t('handover.substitute.byCover')}</p> : null}
      {!viaCover && cover?.viaSwapId ? (
        <div className="form-actions">
          <Button disabled={byCover.busy} onClick={() => cover.viaSwapId && void byCover.run(cover.viaSwapId)}>
            {t('handover.substitute.useCover')}
          </Button>
        </div>
      ) : null}
      <FailureAlert error={byCover.error} />
      {!viaCover && approval?.chiefStaffId ? (
        <p className="form-ok">
          {t('handover.substitute.chiefDone', { name: name(approval.chiefStaffId), time: when(approval.chiefAt) })}
        </p>
      ) : null}
      {!viaCover && !approval?.chiefStaffId ? (
        <Approver flow={flow} part="chief" people={chiefs} timeZone={timeZone} />
      ) : null}
      {!viaCover && approval?.managerStaffId ? (
        <p className="form-ok">
          {t('handover.substitute.managerDone', {
            name: name(approval.managerStaffId),
            time: when(approval.managerAt),
          })}
        </p>
      ) : null}
      {!viaCover && approval?.chiefStaffId && !approval.managerStaffId ? (
        <Approver flow={flow} part="manager" people={managers} timeZone={timeZone} />
      ) : null}
    </section>
  );
}
