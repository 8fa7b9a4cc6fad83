import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { PinPad } from '../../ui/pin-pad';
import { LockoutHelp } from './lockout-help';
import { pinProblemText } from './pin-check';
import type { PinConfirm } from './use-pin-confirm';

export interface PinEntryProps {
  person: { id: string; name: string };
  pin: PinConfirm;
  submitLabel: string;
  onSubmit(): void;
  timeZone: string;
  disabled?: boolean;
}

/**
 * One person's PIN on the keypad, with what went wrong beside it. Five wrong PINs lock the person
 * out (issue 7 §8): the way forward is shown in place — the time left, or a chief's or manager's
 * unlock with their own PIN — and nothing already given on the screen is lost meanwhile.
 */
export function PinEntry({ person, pin, submitLabel, onSubmit, timeZone, disabled = false }: PinEntryProps) {
  const t = useT();
  const messageId = useId();
  const locked = pin.problem?.kind === 'lockedOut' ? pin.problem.until : null;

  return (
    <div className="handover-pin" role="group" aria-label={t('handover.pin.for', { name: person.name })}>
      <span className="field-label">{t('handover.pin.for', { name: person.name })}</span>
      <PinPad
        value={pin.pin}
        onChange={pin.setPin}
        onSubmit={onSubmit}
        submitLabel={pin.checking ? t('signin.checking') : submitLabel}
        disabled={disabled || pin.checking || locked !== null}
      />
      {pin.problem && locked === null ? (
        <p id={messageId} role="alert" className="form-error">
          {pinProblemText(t, pin.problem, person.name, timeZone)}
        </p>
      ) : null}
      {locked !== null ? (
        <LockoutHelp person={person} until={locked} timeZone={timeZone} onLifted={pin.clearProblem} />
      ) : null}
    </div>
  );
}
