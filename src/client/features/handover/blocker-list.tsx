import type { ReactNode } from 'react';
import type { LogEntry } from '../../../domain/entities';
import { PREPARATION_KEYS, type Blocker, type PreparationKey } from '../../../domain/gate';
import type { HandoverKind } from '../../../domain/handover-entities';
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
  /** The truthful way out (H11: there is no override), when it is not just "go and do it". */
  wayOut?: string;
  action: ReactNode;
}

/**
 * H11, H4: exactly what blocks, one line per thing, each in words with the truthful way out and a
 * link to where it is put right: an entry opens in the duty record (resolve it, record the end of
 * an equipment operation, or refer a major matter that will take days), a task or an instruction
 * in the carry-over step, a checklist key or the incoming person in their step.
 */
export function BlockerList({
  blockers,
  kind,
  data,
  onStep,
  labelId,
}: {
  blockers: readonly Blocker[];
  kind: HandoverKind;
  data: CarryOverData;
  onStep(step: StepId): void;
  labelId: string;
}) {
  const t = useT();
  const entries: LogEntry[] = [...(data.register?.majorOpen ?? []), ...(data.register?.equipmentInProgress ?? [])];
  const taskTitle = (id: string) => data.register?.tasks.find((task) => task.id === id)?.title ?? t('common.none');
  const goTo = (step: StepId) => (
    <Button onClick={() => onStep(step)}>{t('handover.goToStep', { step: t(STEP_LABELS[step]) })}</Button>
  );
  const entryLine = (b: Blocker, id: string): Line => {
    const entry = entries.find((e) => e.id === id);
    const cause = entry?.cause ?? t('common.none');
    const emergency = entry?.severity === 'emergency' || entry?.kind === 'emergency';
    const [text, wayOut]: [MessageKey, MessageKey] =
      b.code === 'equipmentInProgress'
        ? ['handover.blocker.equipment', 'handover.blocker.equipmentWayOut']
        : emergency
          ? ['handover.blocker.emergencyOpen', 'handover.blocker.emergencyWayOut']
          : ['handover.blocker.majorOpen', 'handover.blocker.majorWayOut'];
    return {
      key: `${b.code}-${id}`,
      text: t(text, { cause }),
      wayOut: t(wayOut),
      action: <OpenEntryButton entry={{ id, cause }} />,
    };
  };
  const one = (b: Blocker, text: MessageKey, action: ReactNode, wayOut?: MessageKey): Line[] => [
    { key: b.code, text: t(text), ...(wayOut ? { wayOut: t(wayOut) } : {}), action },
  ];

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
          text: t('handover.blocker.important', { title: taskTitle(id) }),
          wayOut: t('handover.blocker.importantWayOut'),
          action: goTo('carry'),
        }));
      case 'instructionsUnacknowledged':
        return b.refs.map((id) => ({
          key: `${b.code}-${id}`,
          text: t('handover.blocker.instructions', { title: taskTitle(id) }),
          action: goTo('carry'),
        }));
      case 'unfit':
        return one(b, 'handover.blocker.unfit', goTo('incoming'));
      case 'substituteUnapproved':
        return one(b, 'handover.blocker.substituteUnapproved', goTo('incoming'));
      case 'notJoined':
        return one(b, 'handover.blocker.notJoined', goTo('incoming'));
      case 'notRostered':
        return kind === 'opening'
          ? one(b, 'handover.blocker.notRosteredOpening', null)
          : one(b, 'handover.blocker.notRostered', goTo('incoming'), 'handover.blocker.notRosteredWayOut');
      case 'nextShiftRostered':
        return one(b, 'handover.blocker.nextShiftRostered', null);
    }
  });

  return (
    <ul className="handover-list handover-blockers" aria-labelledby={labelId}>
      {lines.map((line) => (
        <li key={line.key} className="handover-row handover-blocker">
          <span className="handover-task">
            <span>{line.text}</span>
            {line.wayOut ? <span className="meta">{line.wayOut}</span> : null}
          </span>
          {line.action}
        </li>
      ))}
    </ul>
  );
}
