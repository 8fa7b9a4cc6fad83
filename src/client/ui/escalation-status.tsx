/**
 * What an escalation records (D2, D3): its level, who sent it, when and why, who acknowledged it
 * and when, and the measures decided. Shown on the entry's detail and in the chief's queue.
 */
import type { EscalationIssueCode, EscalationState } from '../../domain/escalation-rules';
import type { Escalation } from '../../domain/review-entities';
import type { EscalationErrors } from '../db/repos/escalation-repo';
import type { MessageKey } from '../i18n/languages';
import { useT, type TFunction } from '../i18n/use-t';
import { formatDateTime } from './time';

/** The message key of each state, for the queue's headings and the badges. */
export const STATE_KEYS: Readonly<Record<EscalationState, MessageKey>> = {
  unacknowledged: 'escalation.state.unacknowledged',
  awaitingDecision: 'escalation.state.awaitingDecision',
  decided: 'escalation.state.decided',
};

const ERROR_KEYS: Readonly<Record<EscalationIssueCode, MessageKey>> = {
  required: 'escalation.error.required',
  notActor: 'escalation.error.notActor',
  notRecipient: 'escalation.error.notRecipient',
  notForwarder: 'escalation.error.notForwarder',
  forwardMismatch: 'escalation.error.forwardMismatch',
  notAcknowledged: 'escalation.error.notAcknowledged',
  beforeAcknowledged: 'escalation.error.beforeAcknowledged',
  unchangeable: 'escalation.error.unchangeable',
};

/** The message for one field's error of an escalation step (too long is said by the Field itself). */
export function escalationErrorText(t: TFunction, code: EscalationErrors[keyof EscalationErrors]): string | undefined {
  if (code === undefined || code === 'tooLong') return undefined;
  return t(ERROR_KEYS[code]);
}

/** One escalation's record: sent by, when, why; acknowledged by, when; the decision. */
export function EscalationStatus(props: { escalation: Escalation; nameOf(id: string): string; timeZone: string }) {
  const t = useT();
  const { escalation: e, nameOf, timeZone } = props;
  const at = (ms: number) => formatDateTime(ms, timeZone);
  return (
    <div className="escalation-status">
      <p className="meta">
        <strong>{t(e.level === 'chief' ? 'escalation.level.chief' : 'escalation.level.manager')}</strong>
        {e.forwardedFromId !== null ? ` · ${t('escalation.forwarded')}` : null}
        {' · '}
        {t('escalation.sentBy', { name: nameOf(e.sentBy), time: at(e.sentAt) })}
      </p>
      <dl className="entry-fields">
        <div>
          <dt>{t('escalation.why')}</dt>
          <dd>{e.reason}</dd>
        </div>
        <div>
          <dt>{t('escalation.acknowledged')}</dt>
          <dd>
            {e.acknowledgedBy !== null && e.acknowledgedAt !== null
              ? t('escalation.ackBy', { name: nameOf(e.acknowledgedBy), time: at(e.acknowledgedAt) })
              : t('escalation.notAcknowledged')}
          </dd>
        </div>
        <div>
          <dt>{t('escalation.decision')}</dt>
          <dd>
            {e.decidedBy !== null && e.decidedAt !== null ? (
              <>
                <span className="escalation-decision">{e.decision}</span>
                <span className="meta">
                  {' '}
                  ({t('escalation.decidedBy', { name: nameOf(e.decidedBy), time: at(e.decidedAt) })})
                </span>
              </>
            ) : (
              t('escalation.noDecision')
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
