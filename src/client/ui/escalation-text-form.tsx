/**
 * The one-field form of an escalation step (D2, D3): the reason it goes up, or the measures
 * decided. The rule's refusal shows beside the field, or under it when it is about who acts; what
 * was typed stays until the step is taken.
 */
import { useState } from 'react';
import type { EscalationErrors } from '../db/repos/escalation-repo';
import { useT } from '../i18n/use-t';
import { Button } from './button';
import { escalationErrorText } from './escalation-status';
import { FailureAlert } from './failure-alert';
import { Field } from './field';
import { SubmitButton } from './submit-button';
import { useAction } from './use-action';

export interface EscalationTextFormProps {
  /** Which of the step's fields this form fills. */
  field: 'reason' | 'decision';
  label: string;
  hint: string;
  submitLabel: string;
  /** The server's limit of the field (fieldMax of the Escalation schema). */
  max: number;
  /** Takes the step; its field errors, or null when taken. */
  onSubmit(text: string): Promise<EscalationErrors | null>;
  onCancel?: () => void;
}

/** A labelled text field with its submit (and cancel) button for one escalation step. */
export function EscalationTextForm(props: EscalationTextFormProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<EscalationErrors>({});
  const action = useAction(async () => {
    const refused = await props.onSubmit(text);
    setErrors(refused ?? {});
    if (refused === null) setText('');
  });
  return (
    <form
      className="escalation-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run();
      }}
    >
      <Field
        label={props.label}
        hint={props.hint}
        error={escalationErrorText(t, errors[props.field])}
        limit={{ max: props.max, value: text }}
      >
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {errors.escalation ? (
        <p className="field-error" role="alert">
          {escalationErrorText(t, errors.escalation)}
        </p>
      ) : null}
      <FailureAlert error={action.error} />
      <div className="form-actions">
        <SubmitButton busy={action.busy} label={props.submitLabel} />
        {props.onCancel ? <Button onClick={props.onCancel}>{t('common.cancel')}</Button> : null}
      </div>
    </form>
  );
}
