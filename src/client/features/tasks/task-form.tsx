import type { Role } from '../../../domain/entities';
import { isSuperior, mayFlagImportant } from '../../../domain/task-rules';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { ChipGroup } from '../../ui/choice-group';
import { Dialog } from '../../ui/dialog';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { TASK_FIELD_LABELS, taskErrorText, taskKindOptions, type TaskField } from './task-labels';
import { TASK_LIMITS, useTaskForm } from './use-task-form';

export interface TaskFormProps {
  staffId: string;
  role: Role;
  onClose(): void;
  onSaved(): void;
}

/** The "New task" dialog: kind, title, cause (H6), what was done so far, and the H4 flag. */
export function TaskForm({ staffId, role, onClose, onSaved }: TaskFormProps) {
  const t = useT();
  const form = useTaskForm(staffId, role, onSaved);
  const { draft, errors } = form;
  const error = (field: TaskField & keyof typeof errors) => taskErrorText(t, field, errors[field]);

  return (
    <Dialog title={t('tasks.new')} onClose={onClose} wide>
      <form
        ref={(el) => form.attachForm(el)}
        className="task-form"
        aria-label={t('tasks.new')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <DraftNote restored={form.restored} onDiscard={form.discard} />
        <ChipGroup
          legend={t('tasks.kind')}
          options={taskKindOptions(t, isSuperior(role))}
          value={draft.kind}
          onChange={form.setKind}
          error={error('kind')}
        />
        <Field
          label={t(TASK_FIELD_LABELS.title)}
          error={error('title')}
          limit={{ max: TASK_LIMITS.title, value: draft.title }}
        >
          {(p) => <input {...p} value={draft.title} onChange={(e) => form.setText('title', e.target.value)} />}
        </Field>
        <Field
          label={t(TASK_FIELD_LABELS.cause)}
          error={error('cause')}
          limit={{ max: TASK_LIMITS.cause, value: draft.cause }}
        >
          {(p) => (
            <textarea {...p} rows={2} value={draft.cause} onChange={(e) => form.setText('cause', e.target.value)} />
          )}
        </Field>
        <Field
          label={t(TASK_FIELD_LABELS.process)}
          error={error('process')}
          limit={{ max: TASK_LIMITS.process, value: draft.process }}
        >
          {(p) => (
            <textarea {...p} rows={3} value={draft.process} onChange={(e) => form.setText('process', e.target.value)} />
          )}
        </Field>
        {/* H4: important work blocks the handover, so only a chief or manager flags it. */}
        {mayFlagImportant(role) ? (
          <label className="check-row">
            <input type="checkbox" checked={draft.important} onChange={(e) => form.setImportant(e.target.checked)} />
            <span>{t('tasks.field.important')}</span>
          </label>
        ) : null}
        <FailureAlert error={form.failure} />
        <div className="form-actions">
          <Button onClick={onClose} disabled={form.saving}>
            {t('common.cancel')}
          </Button>
          <SubmitButton busy={form.saving} label={t('tasks.form.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
