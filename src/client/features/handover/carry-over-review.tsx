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

/** H9: the previous duty's record to read, and what the incoming person notes to follow up. */
export function PreviousDuty({
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
  const { handover: h, save } = flow;
  const note = useDraftText('handover-review-note', h.recordReviewNote, (v) => save({ recordReviewNote: v }));
  const previous = data.register?.previousDuty;
  const when = (ms: number) => formatShort(ms, flow.nowMs, timeZone);

  return (
    <section aria-labelledby={titleId} className="handover-section">
      <h4 id={titleId}>{t('handover.carry.previous')}</h4>
      {previous === null ? <p className="empty">{t('handover.carry.noPrevious')}</p> : null}
      {previous ? (
        <>
          <p className="meta">
            {t('handover.previous.duty', {
              name: data.nameOf(previous.duty.staffId) ?? t('entry.unknownPerson'),
              start: when(previous.duty.startedAt),
              end: previous.duty.endedAt === null ? t('common.none') : when(previous.duty.endedAt),
              count: previous.entries.length,
            })}
          </p>
          <ul className="handover-list" aria-labelledby={titleId}>
            {previous.entries.map((e) => (
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
  const synthesis = useDraftText('handover-synthesis', h.synthesis, (v) => save({ synthesis: v }));
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
            value={synthesis.value}
            onChange={(e) => synthesis.onChange(e.target.value)}
            onBlur={() => void synthesis.flush()}
          />
        )}
      </Field>
    </section>
  );
}
