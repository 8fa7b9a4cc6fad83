import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { PhotoCapture } from '../../ui/photo-capture';
import { SubmitButton } from '../../ui/submit-button';
import { errorText } from './register-labels';
import { CUSTODY_LIMITS, useCustodyForm, type CustodyFormErrors, type CustodyTextField } from './use-custody-form';

const LABELS = {
  label: 'register.custody.label',
  quantity: 'register.custody.quantity',
  party: 'register.custody.party',
  fromParty: 'register.custody.fromParty',
  contact: 'register.custody.contact',
  reason: 'register.custody.reason',
  location: 'register.custody.location',
  occurredAt: 'register.custody.occurredAt',
} as const;

export interface CustodyFormProps {
  staffId: string;
  timeZone: string;
  /** The corrected "now" (T1) for the default time. */
  now: number;
}

/** "Take in": what, how many, whose, from whom, why, when, contact, where kept, and a photo. */
export function CustodyForm({ staffId, timeZone, now }: CustodyFormProps) {
  const t = useT();
  const titleId = useId();
  const form = useCustodyForm(staffId, timeZone, now);
  const { draft } = form;
  const error = (field: keyof CustodyFormErrors) => errorText(t, t(LABELS[field]), form.errors[field]);

  const textInput = (field: CustodyTextField | 'quantity', extra?: { inputMode?: 'tel' | 'numeric' }) => (
    <Field
      label={t(LABELS[field])}
      error={error(field)}
      limit={field === 'quantity' ? undefined : { max: CUSTODY_LIMITS[field], value: draft[field] }}
    >
      {(p) => (
        <input
          {...p}
          {...extra}
          {...(field === 'quantity' ? { maxLength: 5 } : {})}
          autoComplete="off"
          value={draft[field]}
          onChange={(e) => form.set(field, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={(el) => form.attachForm(el)}
      className="card custody-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <h2 id={titleId}>{t('register.custody.form.title')}</h2>
      <DraftNote restored={form.restored} onDiscard={form.discard} />
      <div className="field-row field-row-wide-narrow">
        {textInput('label')}
        {textInput('quantity', { inputMode: 'numeric' })}
      </div>
      <div className="field-row">
        {textInput('party')}
        {textInput('fromParty')}
      </div>
      {textInput('reason')}
      <div className="field-row">
        {textInput('contact', { inputMode: 'tel' })}
        {textInput('location')}
      </div>
      <Field
        label={t(LABELS.occurredAt)}
        hint={t('register.loans.zoneHint', { zone: timeZone })}
        error={error('occurredAt')}
      >
        {(p) => (
          <input
            {...p}
            type="datetime-local"
            value={draft.occurredAt}
            onChange={(e) => form.set('occurredAt', e.target.value)}
          />
        )}
      </Field>
      <div className="photo-row">
        <PhotoCapture key={form.photoKey} label={t('register.custody.photo')} onPhoto={form.setPhoto} />
        {form.photo ? <Button onClick={form.removePhoto}>{t('register.custody.photoRemove')}</Button> : null}
      </div>
      <FailureAlert error={form.failure} />
      {form.saved ? (
        <p role="status" className="form-ok">
          {t('register.custody.saved', { label: form.saved })}
        </p>
      ) : null}
      <div className="form-actions">
        <SubmitButton busy={form.saving} label={t('register.custody.submit')} />
      </div>
    </form>
  );
}
