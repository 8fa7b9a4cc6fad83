import { useMemo } from 'react';
import { minuteLimits, type MinuteField } from '../../domain/site-settings';
import { Field } from './field';
import { timeZoneOptions } from './time';

/**
 * Form fields for a building's settings, shared by the first-run setup and the admin's Building
 * settings card. Each shows its error beside it (Field) and keeps whatever was typed.
 */

interface ControlledField {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string | undefined;
}

/** The building's time zone: every zone the browser knows, the current one always among them. */
export function TimeZoneField({ label, value, onChange, error, hint }: ControlledField) {
  const zones = useMemo(() => timeZoneOptions(value), [value]);
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A wall-clock time (HH:MM) in the building's zone, e.g. a shift's start. */
export function ClockField({
  label,
  value,
  onChange,
  error,
  hint,
  className,
}: ControlledField & { className?: string }) {
  return (
    <Field label={label} error={error} hint={hint} {...(className ? { className } : {})}>
      {(p) => <input {...p} type="time" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export interface ShiftTimeInputsProps {
  startLabel: string;
  endLabel: string;
  start: string;
  end: string;
  onStart(value: string): void;
  onEnd(value: string): void;
  startError?: string | undefined;
  endError?: string | undefined;
}

/** A shift's start and end side by side. An end before the start is a shift past midnight (S2). */
export function ShiftTimeInputs(props: ShiftTimeInputsProps) {
  return (
    <div className="field-row shift-times">
      <ClockField label={props.startLabel} value={props.start} onChange={props.onStart} error={props.startError} />
      <ClockField label={props.endLabel} value={props.end} onChange={props.onEnd} error={props.endError} />
    </div>
  );
}

/** Whole minutes, with the on-screen number pad and the range the schema accepts for `field`. */
export function MinutesField({ field, label, value, onChange, error, hint }: ControlledField & { field: MinuteField }) {
  const { min, max } = minuteLimits(field);
  return (
    <Field label={label} error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
