import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import { useT } from '../../i18n/use-t';
import { Dialog } from '../../ui/dialog';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { errorText } from './register-labels';
import { GIVE_OUT_LIMITS, useGiveOutForm } from './use-give-out-form';

export interface GiveOutDialogProps {
  staffId: string;
  held: { movement: ItemMovement; item: Item };
  timeZone: string;
  correctedNow: number;
  onClose(): void;
  onDone(party: string): void;
}

/** "Give out" a custody item: to whom (the owner by default), how they were checked, and when. */
export function GiveOutDialog({ staffId, held, timeZone, correctedNow, onClose, onDone }: GiveOutDialogProps) {
  const t = useT();
  const form = useGiveOutForm({ staffId, custodyIn: held.movement, timeZone, correctedNow, onDone });
  const title = t('register.custody.out.title', { label: held.item.label });
  const label = {
    party: t('register.custody.out.party'),
    checkedHow: t('register.custody.out.checkedHow'),
    occurredAt: t('register.custody.out.occurredAt'),
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        ref={(el) => form.attachForm(el)}
        className="give-out-form"
        aria-label={title}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <DraftNote restored={form.restored} onDiscard={form.discard} />
        <Field
          label={label.party}
          error={errorText(t, label.party, form.errors.party)}
          limit={{ max: GIVE_OUT_LIMITS.party, value: form.draft.party }}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              value={form.draft.party}
              onChange={(e) => form.set('party', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={label.checkedHow}
          hint={t('register.custody.out.checkedHow.hint')}
          error={errorText(t, label.checkedHow, form.errors.checkedHow)}
          limit={{ max: GIVE_OUT_LIMITS.checkedHow, value: form.draft.checkedHow }}
        >
          {(p) => (
            <input
              {...p}
              autoComplete="off"
              value={form.draft.checkedHow}
              onChange={(e) => form.set('checkedHow', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={label.occurredAt}
          hint={t('register.loans.zoneHint', { zone: timeZone })}
          error={errorText(t, label.occurredAt, form.errors.occurredAt)}
        >
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={form.draft.occurredAt}
              onChange={(e) => form.set('occurredAt', e.target.value)}
            />
          )}
        </Field>
        {form.errors.closesId ? (
          <p role="alert" className="form-error">
            {errorText(t, title, form.errors.closesId)}
          </p>
        ) : null}
        <FailureAlert error={form.failure} />
        <div className="form-actions">
          <SubmitButton busy={form.saving} label={t('register.custody.out.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
