import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { FailureAlert } from '../../ui/failure-alert';
import { PhotoCapture } from '../../ui/photo-capture';
import { SubmitButton } from '../../ui/submit-button';
import { Button } from '../../ui/button';
import { ChipGroup, SegmentedControl } from '../../ui/choice-group';
import { DraftNote } from '../../ui/draft-note';
import { Field } from '../../ui/field';
import { formatDateTime } from '../../ui/time';
import { FIELD_LABELS, fieldErrorText, formStatusOptions, kindOptions, severityOptions } from './log-labels';
import { EntryRegisterFields } from './entry-register-fields';
import { ENTRY_LIMITS, useEntryForm, type EntryFormOptions, type TextField } from './use-entry-form';

/** The fast entry form: large chips and segments first, then the H6 texts, then who/where/when. */
export function EntryForm(props: EntryFormOptions) {
  const t = useT();
  const titleId = useId();
  const form = useEntryForm(props);
  const { draft, errors } = form;
  const error = (field: keyof typeof FIELD_LABELS) => fieldErrorText(t, field, errors[field]);
  const limit = (field: TextField) => ({ max: ENTRY_LIMITS[field], value: draft[field] });

  const textArea = (field: TextField, rows: number) => (
    <Field label={t(FIELD_LABELS[field])} error={error(field)} limit={limit(field)}>
      {(p) => (
        <textarea {...p} rows={rows} value={draft[field]} onChange={(e) => form.setText(field, e.target.value)} />
      )}
    </Field>
  );
  const textInput = (field: TextField, extra?: { inputMode?: 'tel'; autoComplete?: string }) => (
    <Field label={t(FIELD_LABELS[field])} error={error(field)} limit={limit(field)}>
      {(p) => <input {...p} {...extra} value={draft[field]} onChange={(e) => form.setText(field, e.target.value)} />}
    </Field>
  );

  return (
    <form
      ref={(el) => form.attachForm(el)}
      className="card entry-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <h2 id={titleId}>{t('log.form.title')}</h2>
      <DraftNote restored={form.restored} onDiscard={form.reset} />
      <ChipGroup
        legend={t('log.kind')}
        options={kindOptions(t)}
        value={draft.kind}
        onChange={form.setKind}
        error={error('kind')}
      />
      <div className="field-row field-row-segmented">
        <SegmentedControl
          legend={t('log.severity')}
          options={severityOptions(t)}
          value={draft.severity}
          onChange={form.setSeverity}
          error={error('severity')}
        />
        <SegmentedControl
          legend={t('log.status')}
          options={formStatusOptions(t, draft)}
          value={draft.status}
          onChange={form.setStatus}
          error={error('status')}
        />
      </div>
      {draft.severity !== 'routine' ? <p className="callout">{t('log.escalate')}</p> : null}
      {draft.status === 'referred' ? (
        <div className="entry-referral">
          <p className="field-hint">{t('log.referredTo.hint')}</p>
          {textInput('referredTo')}
        </div>
      ) : null}
      <EntryRegisterFields form={form} error={error} timeZone={props.timeZone} />
      {textArea('cause', 2)}
      {textArea('process', 3)}
      {textArea('result', 2)}
      <div className="field-row field-row-3">
        {textInput('party')}
        {textInput('contact', { inputMode: 'tel', autoComplete: 'off' })}
        {textInput('location')}
      </div>
      <Field
        label={t('log.occurredAt')}
        hint={t('log.occurredAt.hint', { zone: props.timeZone })}
        error={error('occurredAt')}
      >
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={draft.occurredAt}
            onChange={(e) => form.setOccurredAt(e.target.value)}
          />
        )}
      </Field>
      {form.backdated || errors.backdateReason ? (
        <div className="entry-backdate">
          {form.dutyStartedAt !== null ? (
            <p className="callout">
              {t('log.backdateReason.hint', { time: formatDateTime(form.dutyStartedAt, props.timeZone) })}
            </p>
          ) : null}
          {textArea('backdateReason', 2)}
        </div>
      ) : null}
      {draft.kind === 'equipmentOp' ? <OperationEndField form={form} error={error('operationEndedAt')} /> : null}
      <PhotoCapture key={form.generation} label={t('log.photo')} onPhoto={form.setPhoto} />
      <FailureAlert error={form.failure} />
      {form.savedCount > 0 && !form.dirty ? (
        <p role="status" className="form-ok">
          {t('log.saved')}
        </p>
      ) : null}
      <div className="form-actions">
        <Button onClick={form.reset} disabled={form.saving || !form.dirty}>
          {t('log.discard')}
        </Button>
        <SubmitButton busy={form.saving} label={t('log.submit')} />
      </div>
    </form>
  );
}

/**
 * H11(b): an equipment operation starts at its occurred-at and blocks the handover until its end
 * is recorded: "Record the end" fills the end with now (T1: server-corrected), editable after.
 */
function OperationEndField({ form, error }: { form: ReturnType<typeof useEntryForm>; error: string | undefined }) {
  const t = useT();
  const end = form.draft.operationEndedAt;
  if (end === null) {
    return (
      <div className="operation-end">
        <p className="field-hint">{t('log.operation.hint')}</p>
        <Button onClick={form.recordEnd}>{t('log.recordEnd')}</Button>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="operation-end">
      <Field label={t('log.operationEndedAt')} error={error}>
        {(p) => (
          <input {...p} type="datetime-local" value={end} onChange={(e) => form.setOperationEndedAt(e.target.value)} />
        )}
      </Field>
      <Button onClick={form.clearEnd}>{t('log.clearEnd')}</Button>
    </div>
  );
}
