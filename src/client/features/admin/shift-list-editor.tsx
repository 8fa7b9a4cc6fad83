import { useId } from 'react';
import { MAX_SHIFTS, ShiftTemplate } from '../../../domain/entities';
import type { ShiftDraft, SiteSettingsErrors } from '../../../domain/site-settings';
import { fieldMax } from '../../../domain/text-limits';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { settingsErrorKey } from '../../ui/settings-errors';
import { ShiftTimeInputs } from '../../ui/settings-fields';
import type { ShiftField } from './use-building-settings';

/** The server's limit of a shift's name, from the shared schema (issue 7). */
const SHIFT_NAME_MAX = fieldMax(ShiftTemplate, 'name');

export interface ShiftListEditorProps {
  shifts: readonly ShiftDraft[];
  errors: SiteSettingsErrors;
  onShift(id: string, field: ShiftField, value: string): void;
  onAdd(): void;
  onRemove(id: string): void;
}

/**
 * The building's shift templates (S2): each a group with its name, start and end. Rows can be
 * added up to the schema's limit and removed down to one; a removed row takes its messages along
 * because errors are keyed by shift id.
 */
export function ShiftListEditor({ shifts, errors, onShift, onAdd, onRemove }: ShiftListEditorProps) {
  const t = useT();
  const hintId = useId();
  const listErrorId = useId();
  const nameLabel = t('admin.settings.shiftName');
  const startLabel = t('admin.settings.shiftStart');
  const endLabel = t('admin.settings.shiftEnd');
  const message = (code: SiteSettingsErrors['shifts'], label: string) =>
    code ? t(settingsErrorKey(code), { field: label }) : undefined;

  return (
    <fieldset
      className={`shift-list${errors.shifts ? ' field-invalid' : ''}`}
      aria-describedby={errors.shifts ? `${listErrorId} ${hintId}` : hintId}
    >
      <legend className="field-label">{t('admin.settings.shifts')}</legend>
      <p id={hintId} className="field-hint">
        {t('admin.settings.shifts.hint')}
      </p>
      {errors.shifts ? (
        <p id={listErrorId} className="field-error" role="alert">
          {message(errors.shifts, t('admin.settings.shifts'))}
        </p>
      ) : null}
      <ol className="shift-rows">
        {shifts.map((shift, i) => {
          const e = errors.shiftFields?.[shift.id] ?? {};
          const label = t('admin.settings.shift', { n: i + 1 });
          return (
            <li key={shift.id}>
              <fieldset className="shift-row">
                <legend>{label}</legend>
                <Field
                  label={nameLabel}
                  error={message(e.name, nameLabel)}
                  limit={{ max: SHIFT_NAME_MAX, value: shift.name }}
                >
                  {(p) => (
                    <input {...p} value={shift.name} onChange={(ev) => onShift(shift.id, 'name', ev.target.value)} />
                  )}
                </Field>
                <ShiftTimeInputs
                  startLabel={startLabel}
                  endLabel={endLabel}
                  start={shift.start}
                  end={shift.end}
                  onStart={(v) => onShift(shift.id, 'start', v)}
                  onEnd={(v) => onShift(shift.id, 'end', v)}
                  startError={message(e.start, startLabel)}
                  endError={message(e.end, endLabel)}
                />
                {shifts.length > 1 ? (
                  <Button
                    variant="quiet"
                    className="shift-remove"
                    aria-label={t('admin.settings.removeShiftName', { n: i + 1 })}
                    onClick={() => onRemove(shift.id)}
                  >
                    {t('admin.settings.removeShift')}
                  </Button>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <Button onClick={onAdd} disabled={shifts.length >= MAX_SHIFTS}>
          {t('admin.settings.addShift')}
        </Button>
      </div>
    </fieldset>
  );
}
