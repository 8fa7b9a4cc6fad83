import { useState } from 'react';
import { recordSpotCheck, type SpotCheckError } from '../../db/repos/review-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { SegmentedControl } from '../../ui/choice-group';
import { useDb } from '../../ui/db-context';
import { describeError } from '../../ui/describe-error';
import { Field } from '../../ui/field';
import { formatShort } from '../../ui/time';
import { useAction } from '../../ui/use-action';
import { DayPart, type DayPartProps } from './day-records';

type Verdict = 'inOrder' | 'notInOrder';

/** O1: the chief's spot check of the desk now: who was on duty, in order or not, what was found. */
function SpotCheckForm({ data, staffId, nameOf }: Pick<DayPartProps, 'data' | 'nameOf'> & { staffId: string }) {
  const t = useT();
  const db = useDb();
  const open = data.duties.filter((d) => d.endedAt === null);
  const [dutyId, setDutyId] = useState<string>(open[0]?.id ?? '');
  const [verdict, setVerdict] = useState<Verdict>('inOrder');
  const [findings, setFindings] = useState('');
  const [problem, setProblem] = useState<SpotCheckError | null>(null);
  const action = useAction(async () => {
    const result = await recordSpotCheck(db, await makeWriteContext(db, staffId), {
      dutyId: dutyId === '' ? null : dutyId,
      inOrder: verdict === 'inOrder',
      findings,
    });
    setProblem(result.ok ? null : result.errors);
    if (result.ok) setFindings('');
  });
  return (
    <form
      className="review-spot-form"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <Field label={t('review.spot.duty')}>
        {(control) => (
          <select {...control} value={dutyId} onChange={(e) => setDutyId(e.target.value)}>
            {open.map((d) => (
              <option key={d.id} value={d.id}>
                {nameOf(d.staffId)}
              </option>
            ))}
            <option value="">{t('review.spot.nobody')}</option>
          </select>
        )}
      </Field>
      <SegmentedControl
        legend={t('review.spot.verdict')}
        options={[
          { value: 'inOrder', label: t('review.spot.inOrder') },
          { value: 'notInOrder', label: t('review.spot.notInOrder') },
        ]}
        value={verdict}
        onChange={setVerdict}
      />
      <Field
        label={t('review.spot.findings')}
        error={problem === 'findingsRequired' ? t('review.spot.findingsRequired') : undefined}
        limit={{ max: 2000, value: findings }}
      >
        {(control) => <textarea {...control} rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} />}
      </Field>
      {problem === 'notChief' ? (
        <p role="alert" className="form-error">
          {t('review.chiefOnly')}
        </p>
      ) : null}
      {action.error ? (
        <p role="alert" className="form-error">
          {describeError(t, action.error)}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={action.busy}>
        {t('review.spot.submit')}
      </Button>
    </form>
  );
}

/** O1: the day's spot checks of the desk, and on the current day the form to record one. */
export function SpotChecks(props: DayPartProps & { staffId: string; canRecord: boolean }) {
  const t = useT();
  const { data, timeZone, nameOf } = props;
  return (
    <DayPart title={t('review.spot.title')} empty={false}>
      {data.spotChecks.length === 0 ? <p className="empty">{t('review.none')}</p> : null}
      <ul className="record-rows">
        {data.spotChecks.map((s) => (
          <li key={s.id} className="record-row">
            <span className="record-line">
              {formatShort(s.checkedAt, data.fromMs, timeZone)} ·{' '}
              {s.inOrder ? t('review.spot.inOrder') : t('review.spot.notInOrder')}
              {s.findings === '' ? '' : ` · ${s.findings}`}
            </span>
            <span className="record-meta">
              {t('review.spot.meta', {
                chief: nameOf(s.staffId),
                duty:
                  s.dutyId === null
                    ? t('review.spot.nobody')
                    : nameOf(data.duties.find((d) => d.id === s.dutyId)?.staffId ?? null),
              })}
            </span>
          </li>
        ))}
      </ul>
      {props.canRecord ? <SpotCheckForm data={data} staffId={props.staffId} nameOf={nameOf} /> : null}
    </DayPart>
  );
}
