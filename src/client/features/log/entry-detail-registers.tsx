/**
 * F1, F2 on an entry's detail: the register fields as recorded, a repair's progress (assignee and
 * completion time, recorded as the repair goes on) and the paid-service orders of an owner's or
 * tenant's matter. Separate components, so the detail itself only places them.
 */
import type { LogEntry } from '../../../domain/entities';
import { isPartyKind } from '../../../domain/log-entry';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { formatDateTime } from '../../ui/time';
import { fieldErrorText, FIELD_LABELS } from './log-labels';
import { ENTRY_LIMITS } from './use-entry-form';
import { useRepairProgress } from './use-repair-progress';

/** F1, F2: call or visit, owner or tenant, unit, assignee and completion, as `dt`/`dd` rows. */
export function RegisterFieldRows({ entry, timeZone }: { entry: LogEntry; timeZone: string }) {
  const t = useT();
  if (!isPartyKind(entry.kind)) return null;
  const rows: { label: string; value: string }[] = [
    { label: t(FIELD_LABELS.channel), value: entry.channel ? t(`registers.channel.${entry.channel}`) : '' },
    { label: t(FIELD_LABELS.partyType), value: entry.partyType ? t(`registers.partyType.${entry.partyType}`) : '' },
    { label: t(FIELD_LABELS.unit), value: entry.unit },
  ];
  if (entry.kind === 'repair') {
    rows.push({ label: t(FIELD_LABELS.assignedTo), value: entry.assignedTo });
    rows.push({
      label: t(FIELD_LABELS.completedAt),
      value: entry.completedAt === null ? '' : formatDateTime(entry.completedAt, timeZone),
    });
  }
  return rows.map((r) => (
    <div key={r.label}>
      <dt>{r.label}</dt>
      <dd>{r.value || t('common.none')}</dd>
    </div>
  ));
}

/** F2: the repair's assignee and completion time, editable while the repair goes on. */
export function RepairProgressPanel(props: { entry: LogEntry; staffId: string; timeZone: string }) {
  const t = useT();
  const p = useRepairProgress(props.entry, props.staffId, props.timeZone);
  if (props.entry.kind !== 'repair') return null;
  const completedError =
    p.errors.completedAtInput === 'invalid'
      ? t('log.error.occurredAt')
      : fieldErrorText(t, 'completedAt', p.errors.completedAt);
  return (
    <section className="repair-progress" aria-label={t('registers.repair.title')}>
      <h3>{t('registers.repair.title')}</h3>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void p.save();
        }}
      >
        <div className="field-row">
          <Field
            label={t(FIELD_LABELS.assignedTo)}
            hint={t('registers.assignedTo.hint')}
            error={fieldErrorText(t, 'assignedTo', p.errors.assignedTo)}
            limit={{ max: ENTRY_LIMITS.assignedTo, value: p.assignedTo }}
          >
            {(f) => <input {...f} value={p.assignedTo} onChange={(e) => p.setAssignedTo(e.target.value)} />}
          </Field>
          <Field
            label={t(FIELD_LABELS.completedAt)}
            hint={t('registers.completedAt.hint', { zone: props.timeZone })}
            error={completedError}
          >
            {(f) => (
              <input
                {...f}
                type="datetime-local"
                value={p.completedAt}
                onChange={(e) => p.setCompletedAt(e.target.value)}
              />
            )}
          </Field>
        </div>
        <FailureAlert error={p.failure} />
        {p.saved ? (
          <p role="status" className="form-ok">
            {t('registers.repair.saved')}
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={p.saving || !p.dirty}>
            {t('registers.repair.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
