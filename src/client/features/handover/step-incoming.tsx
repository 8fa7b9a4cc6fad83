import { useLiveQuery } from 'dexie-react-hooks';
import { Handover, type Fitness } from '../../../domain/handover-entities';
import { fieldMax } from '../../../domain/text-limits';
import { listStaff } from '../../db/queries';
import { useT } from '../../i18n/use-t';
import { ChipGroup, SegmentedControl } from '../../ui/choice-group';
import { useDb } from '../../ui/db-context';
import { Field } from '../../ui/field';
import { formatShort } from '../../ui/time';
import { effectiveIncoming } from './steps';
import { useDraftText } from './use-draft-text';
import { useOptimisticValue } from './use-optimistic-value';
import type { HandoverFlowState } from './use-handover-flow';

/** The server's limit of the fitness note, from the shared schema (issue 7). */
const FITNESS_NOTE_LIMIT = fieldMax(Handover, 'fitnessNote');

/**
 * Step 4 (S1, H11(d)): who takes over, from the rostered candidates (the effective rota: approved
 * swaps included), and the attestation that they are fit to. Not fit (signs of drinking, not
 * clear-headed): a substitute is named, and the substitute is the one who takes over and signs.
 */
export function StepIncoming({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const db = useDb();
  const { handover: h, save } = flow;
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const note = useDraftText('handover-fitness-note', h.fitnessNote, (v) => save({ fitnessNote: v }));
  // Each choice shows at once while it is saved (see useOptimisticValue).
  const [incomingShown, setIncoming] = useOptimisticValue(h.incomingStaffId ?? '');
  const [fitnessShown, setFitness] = useOptimisticValue(h.fitness);
  const [substituteShown, setSubstitute] = useOptimisticValue(h.substituteStaffId ?? '');
  if (!staff || !flow.gate) return null;

  const others = staff.filter((s) => s.id !== h.outgoingStaffId);
  const candidates = flow.gate.candidates.filter((c) => c.staffId !== h.outgoingStaffId);
  const rostered = others.filter((s) => candidates.some((c) => c.staffId === s.id));
  // S1: only the rostered person takes over; with nobody rostered anyone may be chosen, and the
  // gate then asks a section chief or manager to override "nobody rostered".
  const choices = rostered.length > 0 ? rostered : others;
  const label = (id: string, name: string) => {
    const shift = candidates.find((c) => c.staffId === id);
    return shift
      ? t('handover.incoming.rostered', {
          name,
          start: formatShort(shift.startsAt, flow.nowMs, timeZone),
          end: formatShort(shift.endsAt, flow.nowMs, timeZone),
        })
      : name;
  };
  const incomingName = others.find((s) => s.id === h.incomingStaffId)?.name;
  const takesOver = effectiveIncoming(h);
  const takesOverName = staff.find((s) => s.id === takesOver)?.name;

  return (
    <div className="handover-step">
      {rostered.length === 0 ? <p className="callout">{t('handover.incoming.nobodyRostered')}</p> : null}
      <ChipGroup
        legend={t('handover.incoming.who')}
        options={choices.map((s) => ({ value: s.id, label: label(s.id, s.name) }))}
        value={incomingShown}
        onChange={(id) => {
          // A new person needs their own fitness attestation.
          if (id !== h.incomingStaffId)
            setIncoming(id, () => save({ incomingStaffId: id, fitness: 'unset', substituteStaffId: null }));
        }}
      />
      {h.incomingStaffId !== null ? (
        <SegmentedControl<Fitness>
          legend={t('handover.fitness.question', { name: incomingName ?? '' })}
          options={[
            { value: 'fit', label: t('handover.fitness.fit') },
            { value: 'unfit', label: t('handover.fitness.unfit') },
          ]}
          value={fitnessShown}
          onChange={(fitness) =>
            setFitness(fitness, () => save(fitness === 'fit' ? { fitness, substituteStaffId: null } : { fitness }))
          }
        />
      ) : null}
      {h.incomingStaffId !== null ? (
        <Field
          label={t('handover.fitness.note')}
          hint={t('handover.fitness.noteHint')}
          limit={{ max: FITNESS_NOTE_LIMIT, value: note.value }}
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
      ) : null}
      {fitnessShown === 'unfit' ? (
        <ChipGroup
          legend={t('handover.substitute.who')}
          options={others
            .filter((s) => s.id !== h.incomingStaffId)
            .map((s) => ({ value: s.id, label: label(s.id, s.name) }))}
          value={substituteShown}
          onChange={(id) => setSubstitute(id, () => save({ substituteStaffId: id }))}
          error={h.substituteStaffId === null ? t('handover.substitute.required') : undefined}
        />
      ) : null}
      {takesOver !== null && h.fitness !== 'unset' ? (
        <p role="status" className="form-ok">
          {t('handover.incoming.takesOver', { name: takesOverName ?? '' })}
        </p>
      ) : null}
    </div>
  );
}
