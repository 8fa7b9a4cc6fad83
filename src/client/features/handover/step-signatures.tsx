import { useLiveQuery } from 'dexie-react-hooks';
import type { Site } from '../../../domain/entities';
import type { SignError } from '../../db/repos/sign-repo';
import { listStaff } from '../../db/queries';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { FailureAlert } from '../../ui/failure-alert';
import { formatShort } from '../../ui/time';
import { minutesLate } from './shift-end';
import { SignatureBlock, SignedBy } from './signature-block';
import { effectiveIncoming } from './steps';
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

/**
 * Step 6 (H3): the outgoing person signs, then the incoming one, each with their PIN and a
 * handwritten signature; the second signature signs the handover and the tablet becomes theirs.
 */
export function StepSignatures({ flow, site }: { flow: HandoverFlowState; site: Site }) {
  const t = useT();
  const db = useDb();
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const signing = useSign(flow);
  const { handover: h, signatures } = flow;
  const timeZone = site.timeZone;
  const incomingId = effectiveIncoming(h);
  const outgoing = staff?.find((s) => s.id === h.outgoingStaffId);
  const incoming = staff?.find((s) => s.id === incomingId);
  if (!staff) return null;

  const missing = !flow.gateClear ? (
    <p className="callout">
      {t('handover.sign.blocked')}{' '}
      <Button onClick={() => flow.goTo('gate')}>{t('handover.goToStep', { step: t('handover.step.gate') })}</Button>
    </p>
  ) : !incoming || !outgoing ? (
    <p className="callout">
      {t('handover.sign.noIncoming')}{' '}
      <Button onClick={() => flow.goTo('incoming')}>
        {t('handover.goToStep', { step: t('handover.step.incoming') })}
      </Button>
    </p>
  ) : null;

  return (
    <div className="handover-step">
      <Timing scheduledAt={h.scheduledAt} nowMs={flow.nowMs} timeZone={timeZone} />
      {missing}
      {!missing && outgoing && incoming ? (
        <>
          {signatures.outgoing && signatures.outgoing.staffId === outgoing.id ? (
            <div className="handover-signed-row">
              <SignedBy signature={signatures.outgoing} name={outgoing.name} nowMs={flow.nowMs} timeZone={timeZone} />
              <Button onClick={() => flow.setSignature('outgoing', null)} disabled={signing.busy}>
                {t('handover.signature.again')}
              </Button>
            </div>
          ) : (
            <SignatureBlock
              key={`outgoing-${outgoing.id}`}
              person={outgoing}
              role="outgoing"
              submitLabel={t('handover.sign.outgoingSubmit')}
              timeZone={timeZone}
              onSigned={(s) => flow.setSignature('outgoing', s)}
            />
          )}
          {signatures.outgoing && signatures.incoming?.staffId === incoming.id ? (
            <div className="handover-signed-row">
              <SignedBy signature={signatures.incoming} name={incoming.name} nowMs={flow.nowMs} timeZone={timeZone} />
              <Button
                variant="primary"
                large
                disabled={signing.busy}
                onClick={() => signatures.incoming && void signing.sign(signatures.incoming)}
              >
                {t('handover.sign.retry')}
              </Button>
            </div>
          ) : signatures.outgoing ? (
            <SignatureBlock
              key={`incoming-${incoming.id}`}
              person={incoming}
              role="incoming"
              submitLabel={t('handover.sign.incomingSubmit')}
              timeZone={timeZone}
              onSigned={signing.sign}
              disabled={signing.busy}
            />
          ) : null}
        </>
      ) : null}
      {signing.refusal ? (
        <p role="alert" className="form-error">
          {t(refusalKey(signing.refusal))}
        </p>
      ) : null}
      <FailureAlert error={signing.failure} />
    </div>
  );
}
