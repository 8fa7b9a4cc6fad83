import { useId, useState, type ClipboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { useFormatCount } from './text-limit';

/** Props a Field hands to its control so label, hint and error are wired for screen readers. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  maxLength?: number;
  onPaste?: (e: ClipboardEvent<HTMLElement>) => void;
}

/** A text field's limit from the shared schema (`fieldMax`) and what it holds now. */
export interface FieldLimit {
  max: number;
  value: string;
}

/** The counter appears from this share of the limit on, so it does not distract before. */
const COUNTER_FROM = 0.8;

export interface FieldProps {
  label: string;
  /** Shown beside the field and announced; the control gets aria-invalid. */
  error?: string | undefined;
  hint?: string | undefined;
  /**
   * The server's limit for this text (issue 7): set as the control's maxLength, counted near the
   * limit, and, when a paste or an input method got past maxLength, said beside the field, which
   * is then invalid, since the save will be refused.
   */
  limit?: FieldLimit | undefined;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A labelled form control with an optional hint and an error message right beside it (H6: the
 * person sees which field needs what, and nothing they typed is cleared).
 */
export function Field({ label, error, hint, limit, className, children }: FieldProps) {
  const t = useT();
  const count = useFormatCount();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const pasteId = `${id}-paste`;
  // A paste longer than maxLength is cut by the browser without a word: say how much was left out
  // (the clipboard still holds all of it), so nothing typed elsewhere is lost unnoticed.
  const [pasteCut, setPasteCut] = useState(0);
  // Over the limit as the schemas measure it (forms save the trimmed text); the count said is the
  // one the counter shows, every character in the field.
  const over = limit !== undefined && limit.value.trim().length > limit.max;
  const shownError = over ? t('error.maxLength', { max: count(limit.max), count: count(limit.value.length) }) : error;
  const counted = limit !== undefined && limit.value.length >= Math.floor(limit.max * COUNTER_FROM);
  const describedBy = [
    shownError ? errorId : '',
    pasteCut > 0 ? pasteId : '',
    hint ? hintId : '',
    counted ? counterId : '',
  ]
    .filter(Boolean)
    .join(' ');
  const control: FieldControlProps = { id };
  if (describedBy) control['aria-describedby'] = describedBy;
  if (shownError) control['aria-invalid'] = true;
  if (limit) {
    control.maxLength = limit.max;
    const max = limit.max;
    control.onPaste = (e) => {
      const el = e.currentTarget;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
      const selected = (el.selectionEnd ?? 0) - (el.selectionStart ?? 0);
      const pasted = e.clipboardData.getData('text').length;
      setPasteCut(Math.max(0, el.value.length - selected + pasted - max));
    };
  }
  return (
    <div className={['field', shownError ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(control)}
      {shownError ? (
        <p id={errorId} className="field-error" role="alert">
          {shownError}
        </p>
      ) : null}
      {pasteCut > 0 ? (
        <p id={pasteId} className="field-error" role="alert">
          {t('field.pasteCut', { left: count(pasteCut) })}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {counted ? (
        // A polite live region: the count is read out when the person pauses, never over them.
        <p id={counterId} className={`field-counter${over ? ' field-counter-over' : ''}`} role="status">
          {t('field.counter', { count: count(limit.value.length), max: count(limit.max) })}
        </p>
      ) : null}
    </div>
  );
}
