import type { Role } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Dialog } from '../../ui/dialog';
import { SubmitButton } from '../../ui/submit-button';
import { Field } from '../../ui/field';
import { PinInput } from '../../ui/pin-input';
import { AdminFailure } from './admin-failure';
import { pinErrorText, pinHintFor } from './pin-rules';
import { usePinReset } from './use-pin-reset';

export interface PinResetDialogProps {
  person: { id: string; name: string; role: Role };
  actorStaffId: string;
  timeZone: string;
  onClose(): void;
  /** The server stored the new PIN; the dialog should close. */
  onReset(): void;
}

/**
 * A small dialog for a new PIN, as long as the person's role needs, and its confirmation; rendered
 * only while open, so it starts empty.
 */
export function PinResetDialog({ person, actorStaffId, timeZone, onClose, onReset }: PinResetDialogProps) {
  const t = useT();
  const r = usePinReset(actorStaffId, person, onReset);
  const newLabel = t('admin.pin.new');
  const confirmLabel = t('admin.pin.confirm');

  return (
    <Dialog title={t('admin.pin.resetName', { name: person.name })} onClose={onClose}>
      <form
        ref={(el) => r.attachForm(el)}
        className="pin-reset-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void r.submit();
        }}
      >
        <p className="field-hint">{t('admin.pin.noteOnline')}</p>
        <div className="field-row">
          <Field
            label={newLabel}
            hint={pinHintFor(t, person.role)}
            error={pinErrorText(t, r.errors.pin, person.role, newLabel)}
          >
            {(p) => <PinInput {...p} value={r.pin} onValue={r.setPin} />}
          </Field>
          <Field
            label={confirmLabel}
            error={r.errors.confirmPin ? t(r.errors.confirmPin, { field: confirmLabel }) : undefined}
          >
            {(p) => <PinInput {...p} value={r.confirmPin} onValue={r.setConfirmPin} />}
          </Field>
        </div>
        <AdminFailure error={r.failure} timeZone={timeZone} onRetry={() => void r.submit()} />
        <div className="form-actions">
          <SubmitButton busy={r.saving} disabled={!r.online} label={t('admin.pin.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
