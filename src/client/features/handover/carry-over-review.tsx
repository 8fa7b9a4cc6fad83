import { useId, useState } from 'react';
import { Handover } from '../../../domain/handover-entities';
import { fieldMaxes } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { formatShort } from '../../ui/time';
import { EntryLink } from './entry-link';
import type { CarryOverData } from './use-carry-over';
import { useDraftText } from './use-draft-text';
import type { HandoverFlowState } from './use-handover-flow';

/** The server's limits of these texts, from the shared schema (issue 7). */
const LIMITS = fieldMaxes(Handover, ['recordReviewNote', 'anomalyAnswer', 'synthesis']);

/**
 * H9: the outgoing shift's own record (上一班 is the shift being handed over): every entry of the
 * duty, each one tap from its detail; and what the incoming person notes to follow up, in their
 * own name once they have joined.
 */
export function ShiftRecord({
  flow,
  data,
  timeZone,
}: {
  flow: HandoverFlowState;
  data: CarryOverData;
  timeZone: string;
}) {
  const t = useT();
  const titleId = useId();
  const { handover: h, saveIncoming } = flow;
  const note = useDraftText('handover-review-note', h.recordReviewNote, (v) => saveIncoming({ recordReviewNote: v }));
  const shift = data.register?.shiftRecord;
  const when = (ms: number) => formatShort(ms, flow.nowMs, timeZone);

  return (
    <section aria-labelledby={titleId} className="handover-section">
      <h4 id={titleId}>{t('handover.carry.shift')}</h4>
      {shift ? (
        <>
          <p className="meta">
            {t('handover.shift.duty', {
              name: data.nameOf(shift.duty.staffId) ?? t('entry.unknownPerson'),
              start: when(shift.duty.startedAt),
              end: shift.duty.endedAt === null ? t('handover.shift.now') : when(shift.duty.endedAt),
              count: shift.entries.length,
            })}
          </p>
          <ul className="handover-list" aria-labelledby={titleId}>
            {shift.entries.map((e) => (
              <li key={e.id}>
                <EntryLink entry={e} nowMs={flow.nowMs} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Field
        label={t('handover.reviewNote')}
        hint={t('handover.reviewNote.hint')}
        limit={{ max: LIMITS.recordReviewNote, value: note.value }}
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            disabled={flow.incomingId === null}
            value={note.value}
            onChange={(e) => note.onChange(e.target.value)}
            onBlur={() => void note.flush()}
          />
        )}
      </Field>
    </section>
  );
}

/**
 * H10: "Anything abnormal in the building?": the outgoing person's answer, recorded (which ticks
 * "anomalies asked"); and the incoming person's one-line restatement of the handover.
 */
export function AnomalyAndSynthesis({ flow }: { flow: HandoverFlowState }) {
  const t = useT();
  const titleId = useId();
  const { handover: h, save } = flow;
  const [missing, setMissing] = useState(false);
  const answer = useDraftText('handover-anomaly', h.anomalyAnswer, (v) =>
    // Emptying a recorded answer takes the tick back: the gate needs an answer (H10).
    save({ anomalyAnswer: v, ...(v.trim() === '' ? { anomaliesAsked: false } : {}) }),
  );
  // H9: the restatement is the incoming person's own, written as them once they have joined.
  const synthesis = useDraftText('handover-synthesis', h.synthesis, (v) => flow.saveIncoming({ synthesis: v }));
  const recorded = h.anomaliesAsked && h.anomalyAnswer.trim() !== '';

  const record = async (text: string) => {
    const value = text.trim();
    setMissing(value === '');
    if (value === '') return;
    if (text !== answer.value) answer.onChange(text);
    await save({ anomalyAnswer: value, anomaliesAsked: true });
  };

  return (
    <section aria-labelledby={titleId} className="handover-section">
      <h4 id={titleId}>{t('handover.anomaly.title')}</h4>
      <Field
        label={t('handover.anomaly.question')}
        hint={t('handover.anomaly.hint')}
        error={missing ? t('handover.anomaly.required') : undefined}
        limit={{ max: LIMITS.anomalyAnswer, value: answer.value }}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={answer.value}
            onChange={(e) => {
              answer.onChange(e.target.value);
              setMissing(false);
            }}
            onBlur={() => void answer.flush()}
          />
        )}
      </Field>
      <div className="form-actions">
        {recorded ? (
          <p role="status" className="form-ok">
            {t('handover.anomaly.recorded')}
          </p>
        ) : null}
        <Button onClick={() => void record(t('handover.anomaly.nothing'))}>
          {t('handover.anomaly.nothingButton')}
        </Button>
        <Button variant="primary" onClick={() => void record(answer.value)}>
          {t('handover.anomaly.record')}
        </Button>
      </div>
      <Field
        label={t('handover.synthesis')}
        hint={t('handover.synthesis.hint')}
        limit={{ max: LIMITS.synthesis, value: synthesis.value }}
      >
        {(p) => (
          <input
            {...p}
            type="text"
            disabled={flow.incomingId === null}
            value={synthesis.value}
            onChange={(e) => synthesis.onChange(e.target.value)}
            onBlur={() => void synthesis.flush()}
          />
        )}
      </Field>
    </section>
  );
}
