import { useId, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { FailureAlert } from '../../ui/failure-alert';
import { Button } from '../../ui/button';
import { SegmentedControl } from '../../ui/choice-group';
import { useAction } from '../../ui/use-action';
import { useSite } from '../../ui/use-site';

const NO_SHIFT = '';

/** No open duty yet: pick the shift (S2, the building's templates) and start. */
export function StartDutyPanel({ onStart }: { onStart(shiftId: string | null): Promise<void> }) {
  const t = useT();
  const titleId = useId();
  const site = useSite();
  const shifts = site?.shifts ?? [];
  const [choice, setChoice] = useState<string | null>(null);
  const { run, busy, error } = useAction(onStart);
  const shiftId = choice ?? shifts[0]?.id ?? NO_SHIFT;

  const options = [
    ...shifts.map((s) => ({
      value: s.id,
      label: s.name === `${s.start}-${s.end}` ? s.name : `${s.name} ${s.start}-${s.end}`,
    })),
    { value: NO_SHIFT, label: t('duty.noShift') },
  ];

  return (
    <section className="card start-duty" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('duty.start.title')}</h2>
      <p>{t('duty.start.intro')}</p>
      <SegmentedControl legend={t('duty.shift')} options={options} value={shiftId} onChange={setChoice} />
      <FailureAlert error={error} />
      <Button variant="primary" large disabled={busy} onClick={() => void run(shiftId === NO_SHIFT ? null : shiftId)}>
        {t('duty.start.submit')}
      </Button>
    </section>
  );
}
