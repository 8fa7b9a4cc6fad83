import { useId, useState, type FormEvent } from 'react';
import { CountLine, type CountState } from '../../../domain/handover-entities';
import { fieldMax } from '../../../domain/text-limits';
import type { CountItemView } from '../../db/queries/handover-queries';
import type { CountTapErrors } from '../../db/repos/count-repo';
import type { PreparedPhoto } from '../../db/repos/photo-repo';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { PhotoCapture } from '../../ui/photo-capture';
import { SubmitButton } from '../../ui/submit-button';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { SegmentedControl } from '../../ui/choice-group';
import { isCountable, problemQuantity } from './count-labels';
import type { TapInput } from './use-count';

/** The server's limit of an explanation, from the shared schema (issue 7). */
const EXPLANATION_LIMIT = fieldMax(CountLine, 'explanation');

/**
 * What the person asked for: "Missing / damaged" on a row (`problem`: the dialog asks which), or
 * one fewer on a stepper (`fewer`: the state follows from the count).
 */
export interface DiscrepancyRequest {
  itemId: string;
  mode: 'problem' | 'fewer';
  /** The state first shown; in `problem` mode the person may switch between missing and damaged. */
  state: CountState;
  quantity: number;
  /** Pre-filled: the explanation the item's newest line already has. */
  explanation: string;
}

export interface DiscrepancyDialogProps {
  view: CountItemView;
  request: DiscrepancyRequest;
  /** The write; `undefined` when it was refused (locked) or failed, shown by `locked`/`failure`. */
  onSave(input: TapInput): Promise<{ ok: true } | { ok: false; errors: CountTapErrors } | undefined>;
  onClose(): void;
  locked: boolean;
  failure: unknown;
}

type Problem = 'missing' | 'damaged';

/**
 * H8: a missing, damaged or short item needs the outgoing person's explanation of where it went,
 * with an optional photo. Nothing is written without it; the error stands beside the field and
 * everything typed stays (C.2.1(1)). Saving opens the item's follow-up task automatically. Opened
 * from a row's "Missing / damaged", it asks which of the two (missing first, the commoner case,
 * so reporting a lost item costs no extra tap).
 */
export function DiscrepancyDialog({ view, request, onSave, onClose, locked, failure }: DiscrepancyDialogProps) {
  const t = useT();
  const { item } = view;
  const quantityId = useId();
  const [explanation, setExplanation] = useState(request.explanation);
  const [state, setState] = useState<CountState>(request.state);
  const [quantity, setQuantity] = useState(request.quantity);
  const [quantityTouched, setQuantityTouched] = useState(false);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const [errors, setErrors] = useState<CountTapErrors>({});
  const [saving, setSaving] = useState(false);
  useDirtyForm('count-discrepancy', explanation.trim() !== '' || photo !== null);
  const invalid = useFocusFirstInvalid();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      const res = await onSave({
        itemId: item.id,
        state,
        quantity,
        explanation,
        ...(photo ? { photo } : {}),
      });
      if (res === undefined) return;
      if (!res.ok) {
        setErrors(res.errors);
        invalid.request();
        return;
      }
      onClose();
    } finally {
      setSaving(false);
    }
  };

  const step = (delta: -1 | 1) => {
    setQuantity((q) => Math.min(view.expectedAtDesk, Math.max(0, q + delta)));
    setQuantityTouched(true);
    setErrors(({ quantity: _cleared, ...rest }) => rest);
  };
  // Switching between missing and damaged moves the untouched quantity with it: a damaged item
  // is still at the desk, a missing one is not.
  const choose = (next: Problem) => {
    setState(next);
    if (!quantityTouched) setQuantity(problemQuantity(view, next));
  };
  const explanationLabel = t('count.dialog.explanation');
  const problem: Problem | null = request.mode === 'problem' && state !== 'present' ? state : null;

  return (
    <Dialog title={t(`count.dialog.${request.mode}`, { label: item.label })} onClose={onClose}>
      <form ref={(el) => invalid.attach(el)} className="count-discrepancy" noValidate onSubmit={(e) => void submit(e)}>
        <p className="meta">
          {[item.code, item.location].filter(Boolean).join(' · ')} ·{' '}
          {t('count.dialog.expected', { expected: view.expectedAtDesk })}
        </p>
        {problem ? (
          <SegmentedControl<Problem>
            legend={t('count.dialog.what')}
            options={[
              { value: 'missing', label: t('count.state.missing') },
              { value: 'damaged', label: t('count.state.damaged') },
            ]}
            value={problem}
            onChange={choose}
          />
        ) : null}
        {isCountable(view) ? (
          <div className="field">
            <span className="field-label" id={quantityId}>
              {t('count.dialog.quantity')}
            </span>
            <div className="count-stepper" role="group" aria-labelledby={quantityId}>
              <Button aria-label={t('count.dialog.fewer.short')} onClick={() => step(-1)} disabled={quantity <= 0}>
                −
              </Button>
              <output className="count-stepper-value" aria-live="polite">
                {t('count.quantityValue', { quantity, expected: view.expectedAtDesk })}
              </output>
              <Button
                aria-label={t('count.dialog.more.short')}
                onClick={() => step(1)}
                disabled={quantity >= view.expectedAtDesk}
              >
                +
              </Button>
            </div>
            {errors.quantity ? (
              <p className="field-error" role="alert">
                {t('count.error.quantityTooHigh', { expected: view.expectedAtDesk })}
              </p>
            ) : null}
          </div>
        ) : null}
        <Field
          label={explanationLabel}
          hint={t('count.dialog.explanation.hint')}
          error={errors.explanation ? t('error.required', { field: explanationLabel }) : undefined}
          limit={{ max: EXPLANATION_LIMIT, value: explanation }}
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              value={explanation}
              onChange={(e) => {
                setExplanation(e.target.value);
                setErrors(({ explanation: _cleared, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <PhotoCapture label={t('count.dialog.photo')} onPhoto={setPhoto} />
        <p className="callout">{t('count.dialog.followUp')}</p>
        {locked ? (
          <p role="alert" className="form-error">
            {t('count.locked')}
          </p>
        ) : (
          <FailureAlert error={failure} />
        )}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <SubmitButton busy={saving} label={t('count.dialog.save')} />
        </div>
      </form>
    </Dialog>
  );
}
