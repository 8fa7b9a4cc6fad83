import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { DraftNote } from '../../ui/draft-note';
import { Field } from '../../ui/field';
import { formatDateTime } from '../../ui/time';
import { NOTE_LIMIT, type TaskDetailState } from './use-task-detail';

/** Progress notes, oldest first, and the form to add one (append-only: nothing is rewritten). */
export function TaskNotes({ d, timeZone, canAdd }: { d: TaskDetailState; timeZone: string; canAdd: boolean }) {
  const t = useT();
  const titleId = useId();
  const who = (id: string) => d.nameOf(id) ?? t('tasks.unknownPerson');
  return (
    <section className="task-notes" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('tasks.notes.title')}</h3>
      {d.notes && d.notes.length === 0 ? <p className="empty">{t('tasks.notes.empty')}</p> : null}
      <ol className="amendments" aria-labelledby={titleId}>
        {d.notes?.map((n) => (
          <li key={n.id}>
            <p className="meta">
              {t('tasks.note.by', { name: who(n.staffId), time: formatDateTime(n.recordedAt, timeZone) })}
            </p>
            <p className="amendment-text">{n.text}</p>
          </li>
        ))}
      </ol>
      {canAdd ? (
        <form
          ref={(el) => d.noteForm.attach(el)}
          className="task-note-form"
          aria-label={t('tasks.note.submit')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void d.addNote();
          }}
        >
          <DraftNote restored={d.noteForm.restored} onDiscard={d.noteForm.discard} />
          <Field
            label={t('tasks.note.text')}
            hint={t('tasks.note.hint')}
            error={
              d.noteErrors.text &&
              t(d.noteErrors.text === 'tooLong' ? 'error.tooLong' : 'error.required', { field: t('tasks.note.text') })
            }
            limit={{ max: NOTE_LIMIT, value: d.note }}
          >
            {(p) => <textarea {...p} rows={2} value={d.note} onChange={(e) => d.setNote(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={d.busy}>
              {t('tasks.note.submit')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
