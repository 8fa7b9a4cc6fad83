import { useT } from '../../i18n/use-t';
import { Dialog } from '../../ui/dialog';
import { FailureAlert } from '../../ui/failure-alert';
import { SubmitButton } from '../../ui/submit-button';
import { Field } from '../../ui/field';
import { PinInput } from '../../ui/pin-input';
import { usePinReset } from './use-pin-reset';

export interface PinResetDialogProps {
  person: { id: string; name: string };
  actorStaffId: string;
  onClose(): void;
  /** The new PIN is stored; the dialog should close. */
  onReset(): void;
}

/** A small dialog for a new PIN and its confirmation; rendered only while open, so it starts empty. */
export function PinResetDialog({ person, actorStaffId, onClose, onReset }: PinResetDialogProps) {
  const t = useT();
  const r = usePinReset(actorStaffId, person.id, onReset);
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
        <p className="field-hint">{t('admin.pin.note')}</p>
        <div className="field-row">
          <Field
            label={newLabel}
            hint={t('setup.pin.hint')}
            error={r.errors.pin ? t(r.errors.pin, { field: newLabel }) : undefined}
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
        <FailureAlert error={r.failure} />
        <div className="form-actions">
          <SubmitButton busy={r.saving} label={t('admin.pin.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
