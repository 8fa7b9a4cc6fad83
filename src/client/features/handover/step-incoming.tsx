import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Site } from '../../../domain/entities';
import { Handover, type Fitness } from '../../../domain/handover-entities';
import { fieldMax } from '../../../domain/text-limits';
import { listStaff } from '../../db/queries';
import { takesOver } from '../../db/repos/handover-actors';
import { useT } from '../../i18n/use-t';
import { ChipGroup, SegmentedControl } from '../../ui/choice-group';
import { useDb } from '../../ui/db-context';
import { Field } from '../../ui/field';
import { formatShort } from '../../ui/time';
import { JoinBox, JoinedAt } from './join-box';
import { SubstituteApproval } from './substitute-approval';
import { useDraftText } from './use-draft-text';
import type { HandoverFlowState } from './use-handover-flow';
import { useOptimisticValue } from './use-optimistic-value';

/** The server's limit of the fitness note, from the shared schema (issue 7). */
const FITNESS_NOTE_LIMIT = fieldMax(Handover, 'fitnessNote');

/**
 * Step 2 (H1, S1, H11(d)): the incoming person joins with their PIN on arrival (chosen from the
 * rostered candidates: the effective rota, approved swaps included), and the outgoing person
 * attests that they are fit to take over. Not fit (signs of drinking, not clear-headed): a
 * substitute is named, a cover the section chief confirms and the manager approves (S1).
 */
export function StepIncoming({ flow, site }: { flow: HandoverFlowState; site: Site }) {
  const t = useT();
  const db = useDb();
  const { handover: h, save } = flow;
  const timeZone = site.timeZone;
  const staff = useLiveQuery(() => listStaff(db), [db]);
  const note = useDraftText('handover-fitness-note', h.fitnessNote, (v) => save({ fitnessNote: v }));
  // Each choice shows at once while it is saved (see useOptimisticValue).
  const [fitnessShown, setFitness] = useOptimisticValue(h.fitness);
  const [substituteShown, setSubstitute] = useOptimisticValue(h.substituteStaffId ?? '');
  const [picked, setPicked] = useState<string | null>(null);
  if (!staff || !flow.gate) return null;

  const others = staff.filter((s) => s.id !== h.outgoingStaffId);
  const candidates = flow.gate.candidates.filter((c) => c.staffId !== h.outgoingStaffId);
  const rostered = others.filter((s) => candidates.some((c) => c.staffId === s.id));
  // S1: the rostered person takes over; with nobody rostered the gate says so (close the desk instead).
  const choices = rostered.length > 0 ? rostered : others;
  const chosenId = picked ?? (rostered.length === 1 ? (rostered[0]?.id ?? '') : '');
  const chosen = choices.find((s) => s.id === chosenId);
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
  const joined = (h.joinedAt ?? null) !== null;
  const incomingName = staff.find((s) => s.id === h.incomingStaffId)?.name ?? '';
  const taker = takesOver(h);
  const takerName = staff.find((s) => s.id === taker)?.name;
  const approved = !flow.gate.blockers.some((b) => b.code === 'substituteUnapproved' || b.code === 'unfit');

  if (!joined) {
    return (
      <div className="handover-step">
        <p>{t('handover.incoming.joinIntro')}</p>
        {rostered.length === 0 ? <p className="callout">{t('handover.incoming.nobodyRostered')}</p> : null}
        <ChipGroup
          legend={t('handover.incoming.who')}
          options={choices.map((s) => ({ value: s.id, label: label(s.id, s.name) }))}
          value={chosenId}
          onChange={setPicked}
        />
        {chosen ? <JoinBox key={chosen.id} handover={h} person={chosen} timeZone={timeZone} /> : null}
      </div>
    );
  }

  return (
    <div className="handover-step">
      <JoinedAt
        handover={{ joinedAt: h.joinedAt ?? null, scheduledAt: h.scheduledAt }}
        name={incomingName}
        site={site}
        nowMs={flow.nowMs}
      />
      <SegmentedControl<Fitness>
        legend={t('handover.fitness.question', { name: incomingName })}
        options={[
          { value: 'fit', label: t('handover.fitness.fit') },
          { value: 'unfit', label: t('handover.fitness.unfit') },
        ]}
        value={fitnessShown}
        onChange={(fitness) => setFitness(fitness, () => save({ fitness }))}
      />
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
      {h.fitness === 'unfit' && h.substituteStaffId !== null ? (
        <SubstituteApproval flow={flow} timeZone={timeZone} />
      ) : null}
      {taker !== null && h.fitness !== 'unset' && approved ? (
        <p role="status" className="form-ok">
          {t('handover.incoming.takesOver', { name: takerName ?? '' })}
        </p>
      ) : null}
    </div>
  );
}
