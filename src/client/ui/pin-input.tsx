import type { FieldControlProps } from './field';

/** The longest PIN accepted (domain PIN_PATTERN: 4-8 digits). */
const PIN_MAX_LENGTH = 8;

/** A masked numeric input for a new PIN: the on-screen keyboard shows digits only. */
export function PinInput({ value, onValue, ...rest }: FieldControlProps & { value: string; onValue(v: string): void }) {
  return (
    <input
      {...rest}
      type="password"
      inputMode="numeric"
      autoComplete="new-password"
      maxLength={PIN_MAX_LENGTH}
      value={value}
      onChange={(e) => onValue(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH))}
    />
  );
}
