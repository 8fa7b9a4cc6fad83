import type { ReactNode } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { PREPARATION_KEYS, type Blocker, type PreparationKey } from '../../../domain/gate';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { OpenEntryButton } from './entry-link';
import { PREPARATION_STEP, STEP_LABELS, type StepId } from './steps';
import type { CarryOverData } from './use-carry-over';

const isPreparationKey = (k: string): k is PreparationKey => (PREPARATION_KEYS as readonly string[]).includes(k);
const prepKey = (k: PreparationKey): MessageKey => `handover.blocker.prep.${k}`;

interface Line {
  key: string;
  text: string;
  action: ReactNode;
}

/**
 * H11: exactly what blocks, one line per thing, each in words and with a link to where it is put
 * right: an entry opens in the duty record, a task in the carry-over step, a checklist key in its
 * step.
 */
export function BlockerList({
  blockers,
  data,
  onStep,
  labelId,
}: {
  blockers: readonly Blocker[];
  data: CarryOverData;
  onStep(step: StepId): void;
  labelId: string;
}) {
  const t = useT();
  const entries: LogEntry[] = [...(data.register?.majorOpen ?? []), ...(data.register?.equipmentInProgress ?? [])];
  const goTo = (step: StepId) => (
    <Button onClick={() => onStep(step)}>{t('handover.goToStep', { step: t(STEP_LABELS[step]) })}</Button>
  );
  const entryLine = (b: Blocker, id: string): Line => {
    const entry = entries.find((e) => e.id === id);
    const cause = entry?.cause ?? t('common.none');
    const text =
      b.code === 'majorOpen'
        ? t(entry?.severity === 'emergency' ? 'handover.blocker.emergencyOpen' : 'handover.blocker.majorOpen', {
            cause,
          })
        : t('handover.blocker.equipment', { cause });
    return { key: `${b.code}-${id}`, text, action: <OpenEntryButton entry={{ id, cause }} /> };
  };

  const lines = blockers.flatMap((b): Line[] => {
    switch (b.code) {
      case 'majorOpen':
      case 'equipmentInProgress':
        return b.refs.map((id) => entryLine(b, id));
      case 'preparationIncomplete':
        return b.refs.filter(isPreparationKey).map((k) => ({
          key: `${b.code}-${k}`,
          text: t(prepKey(k)),
          action: goTo(PREPARATION_STEP[k]),
        }));
      case 'importantWork':
        return b.refs.map((id) => ({
          key: `${b.code}-${id}`,
          text: t('handover.blocker.important', {
            title: data.register?.tasks.find((task) => task.id === id)?.title ?? t('common.none'),
          }),
          action: goTo('carry'),
        }));
      case 'unfit':
        return [{ key: b.code, text: t('handover.blocker.unfit'), action: goTo('incoming') }];
      case 'notRostered':
        return [{ key: b.code, text: t('handover.blocker.notRostered'), action: goTo('incoming') }];
    }
  });

  return (
    <ul className="handover-list handover-blockers" aria-labelledby={labelId}>
      {lines.map((line) => (
        <li key={line.key} className="handover-row handover-blocker">
          <span>{line.text}</span>
          {line.action}
        </li>
      ))}
    </ul>
  );
}
