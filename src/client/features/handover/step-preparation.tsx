import { useLiveQuery } from 'dexie-react-hooks';
import { entriesForDuty } from '../../db/queries';
import { useT } from '../../i18n/use-t';
import { useGoToSection } from '../../state/routes';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { CheckRow } from './check-row';
import { EntryLink } from './entry-link';
import type { HandoverFlowState } from './use-handover-flow';

/**
 * Step 1 (H1, H2): the outgoing person's preparation, for a handover or a closing: the shift's duty
 * record reviewed (its open entries listed, each one tap from its detail), the office equipment
 * checked, and the pending work and instructions reviewed (the carry-over step shows them).
 */
export function StepPreparation({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const db = useDb();
  const goTo = useGoToSection();
  const { handover: h, save } = flow;
  const dutyId = h.outgoingDutyId;
  const entries = useLiveQuery(async () => (dutyId === null ? [] : entriesForDuty(db, dutyId)), [db, dutyId]);
  const open = entries?.filter((e) => e.status === 'open') ?? [];

  return (
    <div className="handover-step">
      <p>{t('handover.prepare.intro')}</p>
      <CheckRow
        label={t('handover.prepare.recordReviewed')}
        hint={
          entries === undefined
            ? undefined
            : t('handover.prepare.recordSummary', { count: entries.length, open: open.length })
        }
        checked={h.recordReviewed}
        onChange={(v) => save({ recordReviewed: v })}
      >
        {open.length > 0 ? (
          <ul className="handover-list" aria-label={t('handover.prepare.openEntries')}>
            {open.map((e) => (
              <li key={e.id}>
                <EntryLink entry={e} nowMs={flow.nowMs} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        ) : null}
        <div className="form-actions">
          <Button onClick={() => goTo('log')}>{t('handover.prepare.openRecord')}</Button>
        </div>
      </CheckRow>
      <CheckRow
        label={t('handover.prepare.equipmentChecked')}
        hint={t('handover.prepare.equipmentHint')}
        checked={h.equipmentChecked}
        onChange={(v) => save({ equipmentChecked: v })}
      />
      <CheckRow
        label={t('handover.prepare.pendingReviewed')}
        hint={t('handover.prepare.pendingHint')}
        checked={h.pendingReviewed}
        onChange={(v) => save({ pendingReviewed: v })}
      >
        <div className="form-actions">
          <Button onClick={() => flow.goTo('carry')}>{t('handover.prepare.showCarry')}</Button>
        </div>
      </CheckRow>
    </div>
  );
}
