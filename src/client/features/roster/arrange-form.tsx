import { useId } from 'react';
import type { ShiftTemplate, Staff } from '../../../domain/entities';
import { RotaShift } from '../../../domain/rota-entities';
import { fieldMax } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { dayLabel, shiftLabel, shiftLabelById } from './rota-labels';
import type { ArrangeState } from './use-arrange';

/** The server's limit of a shift's note, from the shared schema (issue 7). */
const NOTE_LIMIT = fieldMax(RotaShift, 'note');

export interface ArrangeFormProps {
  arrange: ArrangeState;
  days: readonly string[];
  shifts: readonly ShiftTemplate[];
  /** Active staff who can be rostered. */
  staff: readonly Staff[];
  nameOf(staffId: string): string | undefined;
}

/** The chief's "Arrange the rota" form: a day of the shown week, a shift and a person. */
export function ArrangeForm({ arrange: a, days, shifts, staff, nameOf }: ArrangeFormProps) {
  const t = useT();
  const titleId = useId();
  const personError =
    a.errors.staffId === 'alreadyRostered'
      ? t('rota.error.alreadyRostered')
      : a.errors.staffId
        ? t('error.required', { field: t('rota.arrange.person') })
        : undefined;

  return (
    <form
      ref={(el) => a.attachForm(el)}
      className="card rota-arrange"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void a.add();
      }}
    >
      <h2 id={titleId}>{t('rota.arrange.title')}</h2>
      <div className="field-row">
        <Field label={t('rota.arrange.day')}>
          {(p) => (
            <select {...p} value={a.day} onChange={(e) => a.setDay(e.target.value)}>
              {days.map((d) => (
                <option key={d} value={d}>
                  {dayLabel(t, d)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('rota.arrange.shift')} error={a.errors.shiftId ? t('rota.error.shiftInvalid') : undefined}>
          {(p) => (
            <select {...p} value={a.shiftId} onChange={(e) => a.setShiftId(e.target.value)}>
              {shifts.map((s) => (
                <option key={s.id} value={s.id}>
                  {shiftLabel(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('rota.arrange.person')} error={personError}>
          {(p) => (
            <select {...p} value={a.person} onChange={(e) => a.setPerson(e.target.value)}>
              <option value="">{t('rota.choose')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('rota.arrange.note')} limit={{ max: NOTE_LIMIT, value: a.note }}>
        {(p) => <input {...p} value={a.note} onChange={(e) => a.setNote(e.target.value)} />}
      </Field>
      {a.added ? (
        <p role="status" className="form-ok">
          {t('rota.arrange.added', {
            name: nameOf(a.added.staffId) ?? t('rota.unknownPerson'),
            day: dayLabel(t, a.added.day),
            shift: shiftLabelById(shifts, a.added.shiftId),
          })}
        </p>
      ) : null}
      <FailureAlert error={a.failure} />
      <div className="form-actions">
        <SubmitButton busy={a.busy} label={t('rota.arrange.submit')} />
      </div>
    </form>
  );
}
