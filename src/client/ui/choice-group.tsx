import { useId } from 'react';

export interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceGroupProps<T extends string> {
  /** The group's name, shown as its legend and used as its accessible name. */
  legend: string;
  options: readonly ChoiceOption<T>[];
  value: T;
  onChange(value: NoInfer<T>): void;
  error?: string | undefined;
  /** Hide the legend visually (it is still announced), for compact filter rows. */
  legendHidden?: boolean;
  disabled?: boolean;
}

/**
 * One choice out of a few, as native radio buttons (keyboard arrows and screen readers work as
 * usual) drawn as large touch targets. Shared by SegmentedControl and ChipGroup.
 */
function ChoiceGroup<T extends string>(props: ChoiceGroupProps<T> & { layout: 'segmented' | 'chips' }) {
  const { legend, options, value, onChange, error, legendHidden = false, disabled = false, layout } = props;
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset
      className={`choice-group choice-${layout}${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
      disabled={disabled}
    >
      <legend className={legendHidden ? 'visually-hidden' : 'field-label'}>{legend}</legend>
      <div className="choice-options">
        {options.map((o) => (
          <label key={o.value} className={`choice${o.value === value ? ' choice-selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A row of equal segments, for two to four options (severity, status, role). */
export function SegmentedControl<T extends string>(props: ChoiceGroupProps<T>) {
  return <ChoiceGroup {...props} layout="segmented" />;
}

/** Wrapping chips, for longer option lists (the nine log kinds, list filters). */
export function ChipGroup<T extends string>(props: ChoiceGroupProps<T>) {
  return <ChoiceGroup {...props} layout="chips" />;
}
