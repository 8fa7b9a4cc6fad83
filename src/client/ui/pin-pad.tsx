import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t';
import { Button } from './button';

export interface PinPadProps {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  disabled?: boolean;
  maxLength?: number;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A numeric keypad for PIN entry: big keys for a finger, dots instead of digits, and the hardware
 * keyboard works too (digits, Backspace, Enter) for tablets with a keyboard case.
 */
export function PinPad({ value, onChange, onSubmit, submitLabel, disabled = false, maxLength = 8 }: PinPadProps) {
  const t = useT();
  const latest = useRef({ value, onChange, onSubmit, disabled, maxLength });
  useEffect(() => {
    latest.current = { value, onChange, onSubmit, disabled, maxLength };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select')) return;
      const cur = latest.current;
      if (cur.disabled) return;
      if (/^\d$/.test(e.key)) {
        if (cur.value.length < cur.maxLength) cur.onChange(cur.value + e.key);
      } else if (e.key === 'Backspace') {
        cur.onChange(cur.value.slice(0, -1));
      } else if (e.key === 'Enter' && cur.value.length > 0 && !(target instanceof HTMLButtonElement)) {
        cur.onSubmit();
      } else {
        return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const press = (digit: string) => {
    if (value.length < maxLength) onChange(value + digit);
  };

  return (
    <div className="pin-pad">
      <div className="pin-dots" role="status" aria-label={t('pinpad.entered', { count: value.length })}>
        {Array.from({ length: Math.max(4, value.length) }, (_, i) => (
          <span key={i} className={i < value.length ? 'pin-dot pin-dot-filled' : 'pin-dot'} aria-hidden="true" />
        ))}
      </div>
      <div className="pin-keys">
        {KEYS.map((k) => (
          <Button key={k} className="pin-key" onClick={() => press(k)} disabled={disabled}>
            {k}
          </Button>
        ))}
        <Button className="pin-key" variant="quiet" onClick={() => onChange('')} disabled={disabled}>
          {t('pinpad.clear')}
        </Button>
        <Button className="pin-key" onClick={() => press('0')} disabled={disabled}>
          0
        </Button>
        <Button
          className="pin-key"
          variant="quiet"
          aria-label={t('pinpad.delete')}
          onClick={() => onChange(value.slice(0, -1))}
          disabled={disabled}
        >
          <span aria-hidden="true">⌫</span>
        </Button>
      </div>
      <Button variant="primary" large onClick={onSubmit} disabled={disabled || value.length === 0}>
        {submitLabel}
      </Button>
    </div>
  );
}
