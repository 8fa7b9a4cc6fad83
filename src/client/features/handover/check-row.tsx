import { useId, type ReactNode } from 'react';
import { useOptimisticValue } from './use-optimistic-value';

export interface CheckRowProps {
  label: string;
  /** What ticking it means, read with the label. */
  hint?: string | undefined;
  /** The saved value; a tap shows at once while it is saved. */
  checked: boolean;
  /** Saves the new value; false when the save failed (the box then shows the saved value again). */
  onChange(checked: boolean): Promise<boolean>;
  disabled?: boolean;
  children?: ReactNode;
}

/** A checklist item as a whole-row touch target around a native checkbox (H2). */
export function CheckRow({ label, hint, checked, onChange, disabled = false, children }: CheckRowProps) {
  const hintId = useId();
  const [shown, setShown] = useOptimisticValue(checked);
  return (
    <div className={`handover-check${shown ? ' handover-check-done' : ''}`}>
      <label className="handover-check-label">
        <input
          type="checkbox"
          checked={shown}
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => {
            const next = e.target.checked;
            setShown(next, () => onChange(next));
          }}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
    </div>
  );
}
