import { useId } from 'react';
import type { ShiftTemplate, Staff } from '../../../domain/entities';
import { SwapRequest } from '../../../domain/rota-entities';
import type { Assignment } from '../../../domain/swap-rules';
import { fieldMax } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { dayShiftLabel } from './rota-labels';
import type { SwapFormState } from './use-swap-form';

/** The server's limit of a request's reason, from the shared schema (issue 7). */
const REASON_LIMIT = fieldMax(SwapRequest, 'reason');

export interface SwapFormProps {
  form: SwapFormState;
  staffId: string;
  shifts: readonly ShiftTemplate[];
  /** Active staff; the requester is left out of the substitutes. */
  staff: readonly Staff[];
}

/** "Ask for a swap or cover" (S1): my shift, the substitute, their shift for a swap, and why. */
export function SwapForm({ form: f, staffId, shifts, staff }: SwapFormProps) {
  const t = useT();
  const titleId = useId();
  const required = (label: string) => t('error.required', { field: label });
  const option = (a: Assignment) => (
    <option key={a.rotaShiftId} value={a.rotaShiftId}>
      {dayShiftLabel(t, shifts, a.day, a.shiftId)}
    </option>
  );

  return (
    <form
      ref={(el) => f.attachForm(el)}
      className="card rota-swap-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void f.submit();
      }}
    >
      <h2 id={titleId}>{t('rota.swap.title')}</h2>
      <p className="meta">{t('rota.swap.intro')}</p>
      {f.myShifts.length === 0 ? (
        <p className="empty">{t('rota.swap.noShifts')}</p>
      ) : (
        <>
          <SegmentedControl
            legend={t('rota.swap.kind')}
            options={[
              { value: 'cover', label: t('rota.swap.kind.cover') },
              { value: 'swap', label: t('rota.swap.kind.swap') },
            ]}
            value={f.kind}
            onChange={f.setKind}
          />
          <div className="field-row">
            <Field label={t('rota.swap.myShift')}>
              {(p) => (
                <select {...p} value={f.rotaShiftId} onChange={(e) => f.setRotaShiftId(e.target.value)}>
                  {f.myShifts.map(option)}
                </select>
              )}
            </Field>
            <Field
              label={t('rota.swap.substitute')}
              error={
                f.errors.substituteId === 'same'
                  ? t('rota.swap.error.same')
                  : f.errors.substituteId
                    ? required(t('rota.swap.substitute'))
                    : undefined
              }
            >
              {(p) => (
                <select {...p} value={f.substituteId} onChange={(e) => f.setSubstituteId(e.target.value)}>
                  <option value="">{t('rota.choose')}</option>
                  {staff
                    .filter((s) => s.id !== staffId)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          </div>
          {f.kind === 'swap' ? (
            <Field
              label={t('rota.swap.otherShift')}
              error={f.errors.otherShiftId ? required(t('rota.swap.otherShift')) : undefined}
              hint={f.substituteId !== '' && f.theirShifts.length === 0 ? t('rota.swap.noOtherShifts') : undefined}
            >
              {(p) => (
                <select {...p} value={f.otherShiftId} onChange={(e) => f.setOtherShiftId(e.target.value)}>
                  {f.theirShifts.length === 0 ? <option value="">{t('rota.choose')}</option> : null}
                  {f.theirShifts.map(option)}
                </select>
              )}
            </Field>
          ) : null}
          <DraftNote restored={f.reasonRestored} onDiscard={f.discardReason} />
          <Field
            label={t('rota.swap.reason')}
            error={f.errors.reason ? required(t('rota.swap.reason')) : undefined}
            limit={{ max: REASON_LIMIT, value: f.reason }}
          >
            {(p) => <textarea {...p} rows={2} value={f.reason} onChange={(e) => f.setReason(e.target.value)} />}
          </Field>
          {f.sent ? (
            <p role="status" className="form-ok">
              {t('rota.swap.sent')}
            </p>
          ) : null}
          <FailureAlert error={f.failure} />
          <div className="form-actions">
            <SubmitButton busy={f.busy} label={t('rota.swap.submit')} />
          </div>
        </>
      )}
    </form>
  );
}
