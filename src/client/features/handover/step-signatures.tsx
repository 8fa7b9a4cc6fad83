import { useLiveQuery } from 'dexie-react-hooks';
import type { Site, Staff } from '../../../domain/entities';
import type { Signature } from '../../../domain/handover-entities';
import { listStaff } from '../../db/queries';
import { takesOver } from '../../db/repos/handover-actors';
import type { SignError } from '../../db/repos/sign-repo';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { minutesLate } from '../../../domain/lateness';
import { SignedBy } from '../../ui/signed-record/signed-by';
import { SignatureBlock } from './signature-block';
import type { HandoverFlowState } from './use-handover-flow';
import { useSign } from './use-sign';

const refusalKey = (e: SignError): MessageKey => `handover.sign.error.${e}`;

/** H1: the scheduled change against now, in words ("3 min late"). */
function Timing({ scheduledAt, nowMs, timeZone }: { scheduledAt: number | null; nowMs: number; timeZone: string }) {
  const t = useT();
  if (scheduledAt === null)
    return <p className="meta">{t('handover.sign.noSchedule', { now: formatShort(nowMs, nowMs, timeZone) })}</p>;
  const late = minutesLate(scheduledAt, nowMs);
  const times = { scheduled: formatShort(scheduledAt, nowMs, timeZone), now: formatShort(nowMs, nowMs, timeZone) };
  return (
    <p className="meta handover-timing">
      {late > 0
        ? t('handover.sign.late', { ...times, minutes: late })
        : late < 0
          ? t('handover.sign.early', { ...times, minutes: -late })
          : t('handover.sign.onTime', times)}
    </p>
  );
}

/** Who signs, in order, as what, and with which button: both people at a handover, one to open or close. */
function signers(
  flow: HandoverFlowState,
  staff: Staff[],
): { role: Signature['role']; person: Staff | undefined; title: MessageKey; submit: MessageKey }[] {
  const h = flow.handover;
  const find = (id: string | null) => staff.find((s) => s.id === id);
  switch (flow.kind) {
    case 'handover':
      return [
        {
          role: 'outgoing',
          person: find(h.outgoingStaffId),
          title: 'handover.signature.outgoing',
          submit: 'handover.sign.outgoingSubmit',
        },
        {
          role: 'incoming',
          person: find(takesOver(h)),
          title: 'handover.signature.incoming',
          submit: 'handover.sign.incomingSubmit',
        },
      ];
    case 'opening':
      return [
        {
          role: 'incoming',
          person: find(h.incomingStaffId),
          title: 'handover.signature.opener',
          submit: 'handover.sign.openSubmit',
        },
      ];
    case 'closing':
      return [
        {
          role: 'outgoing',
          person: find(h.outgoingStaffId),
          title: 'handover.signature.closer',
          submit: 'handover.sign.closeSubmit',
        },
      ];
  }
}

/**
 * The last step (H3): each signer in turn, with their PIN and a handwritten signature; the last one
 * signs the record and the tablet becomes the new person's. A PIN lockout on the way keeps the
 * signatures already given (the lockout's way forward is shown in the block).
 */
export function StepSignatures({ flow, site }: { flow: HandoverFlowState; site: Site }) {
  const t = useT();
  const db = useDb();
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const signing = useSign(flow);
  const timeZone = site.timeZone;
  if (!staff) return null;
  const order = signers(flow, staff);

  const missing = !flow.gateClear ? (
    <p className="callout">
      {t('handover.sign.blocked')}{' '}
      <Button onClick={() => flow.goTo('gate')}>{t('handover.goToStep', { step: t('handover.step.gate') })}</Button>
    </p>
  ) : order.some((s) => !s.person) ? (
    <p className="callout">
      {t('handover.sign.noIncoming')}{' '}
      <Button onClick={() => flow.goTo('incoming')}>
        {t('handover.goToStep', { step: t('handover.step.incoming') })}
      </Button>
    </p>
  ) : null;

  // The first signer without a signature signs next; the last signature signs the record.
  const next = order.findIndex((s) => flow.signatures[s.role]?.staffId !== s.person?.id);
  return (
    <div className="handover-step">
      <Timing scheduledAt={flow.handover.scheduledAt} nowMs={flow.nowMs} timeZone={timeZone} />
      {missing}
      {missing
        ? null
        : order.map(({ role, person, title, submit }, i) => {
            if (!person) return null;
            const given = flow.signatures[role];
            const last = i === order.length - 1;
            if (given && given.staffId === person.id) {
              return (
                <div key={role} className="handover-signed-row">
                  <SignedBy signature={given} name={person.name} nowMs={flow.nowMs} timeZone={timeZone} />
                  {last ? (
                    <Button variant="primary" large disabled={signing.busy} onClick={() => void signing.sign(given)}>
                      {t('handover.sign.retry')}
                    </Button>
                  ) : (
                    <Button onClick={() => flow.setSignature(role, null)} disabled={signing.busy}>
                      {t('handover.signature.again')}
                    </Button>
                  )}
                </div>
              );
            }
            if (i !== next) return null;
            return (
              <SignatureBlock
                key={`${role}-${person.id}`}
                person={person}
                role={role}
                title={t(title, { name: person.name })}
                submitLabel={t(submit)}
                timeZone={timeZone}
                onSigned={(s) => (last ? signing.sign(s) : flow.setSignature(role, s))}
                disabled={signing.busy}
              />
            );
          })}
      {signing.refusal ? (
        <p role="alert" className="form-error">
          {t(refusalKey(signing.refusal))}
        </p>
      ) : null}
      <FailureAlert error={signing.failure} />
    </div>
  );
}
