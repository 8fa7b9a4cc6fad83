import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { DraftNote } from '../../ui/draft-note';
import { Field } from '../../ui/field';
import { taskErrorText } from './task-labels';
import type { TaskDetailState } from './use-task-detail';
import { TASK_LIMITS } from './use-task-form';

/**
 * Closing an open task: "Done" needs a result (H6), said beside the field; "Withdraw" is offered
 * only for an instruction and only to a superior (H7: an instruction stays until withdrawn).
 */
export function TaskCloseForm({ d, canWithdraw }: { d: TaskDetailState; canWithdraw: boolean }) {
  const t = useT();
  return (
    <form
      ref={(el) => d.closeForm.attach(el)}
      className="task-close-form"
      aria-label={t('tasks.close.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void d.close('done');
      }}
    >
      <h3>{t('tasks.close.title')}</h3>
      <DraftNote restored={d.closeForm.restored} onDiscard={d.closeForm.discard} />
      <Field
        label={t('tasks.field.result')}
        hint={t('tasks.close.hint')}
        error={taskErrorText(t, 'result', d.closeErrors.result)}
        limit={{ max: TASK_LIMITS.result, value: d.result }}
      >
        {(p) => <textarea {...p} rows={2} value={d.result} onChange={(e) => d.setResult(e.target.value)} />}
      </Field>
      {d.closeErrors.kind ? (
        <p className="field-error" role="alert">
          {taskErrorText(t, 'kind', d.closeErrors.kind)}
        </p>
      ) : null}
      <div className="form-actions">
        {canWithdraw ? (
          <Button variant="danger" disabled={d.busy} onClick={() => void d.close('withdrawn')}>
            {t('tasks.withdraw')}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" large disabled={d.busy}>
          {t('tasks.done')}
        </Button>
      </div>
    </form>
  );
}
