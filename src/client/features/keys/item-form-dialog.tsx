import type { Item } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { ChipGroup } from '../../ui/choice-group';
import { Dialog } from '../../ui/dialog';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { REGISTER_CATEGORIES, categoryOptions, errorText } from './register-labels';
import { ITEM_LIMITS, useItemForm, type ItemFormErrors, type ItemTextField } from './use-item-form';

export interface ItemFormDialogProps {
  staffId: string;
  /** The item to edit, or null to add one. */
  item: Item | null;
  onClose(): void;
  onSaved(item: Item): void;
}

const LABELS = {
  label: 'register.form.label',
  code: 'register.form.code',
  expectedQuantity: 'register.form.expectedQuantity',
  location: 'register.form.location',
} as const;

/** The chief's form for one register item: category, name, QR code, expected quantity, place, in use. */
export function ItemFormDialog({ staffId, item, onClose, onSaved }: ItemFormDialogProps) {
  const t = useT();
  const form = useItemForm(staffId, item, onSaved);
  const { draft } = form;
  const error = (field: keyof ItemFormErrors, label: string) => errorText(t, label, form.errors[field]);
  // A custody item came in through "Take in" and stays custody (the server refuses a change).
  const custody = item?.category === 'custody';

  const input = (field: ItemTextField, extra: { inputMode?: 'numeric'; hint?: string } = {}) => (
    <Field
      label={t(LABELS[field])}
      hint={extra.hint}
      error={error(field, t(LABELS[field]))}
      limit={field === 'expectedQuantity' ? undefined : { max: ITEM_LIMITS[field], value: draft[field] }}
    >
      {(p) => (
        <input
          {...p}
          {...(field === 'expectedQuantity' ? { maxLength: 5 } : {})}
          {...(extra.inputMode ? { inputMode: extra.inputMode } : {})}
          value={draft[field]}
          onChange={(e) => form.setText(field, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={item ? t('register.form.editTitle', { label: item.label }) : t('register.form.addTitle')}
      onClose={onClose}
      wide
    >
      <form
        ref={(el) => form.attachForm(el)}
        className="register-form"
        aria-label={item ? t('register.form.editTitle', { label: item.label }) : t('register.form.addTitle')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <DraftNote restored={form.restored} onDiscard={form.discard} />
        <ChipGroup
          legend={t('register.form.category')}
          options={categoryOptions(t, custody ? ['custody'] : REGISTER_CATEGORIES)}
          value={draft.category}
          onChange={form.setCategory}
          error={error('category', t('register.form.category'))}
          disabled={custody}
        />
        <div className="field-row">
          {input('label')}
          {input('code', { hint: t('register.form.code.hint') })}
        </div>
        <div className="field-row">
          {input('expectedQuantity', { inputMode: 'numeric' })}
          {input('location')}
        </div>
        {item ? (
          <label className="check-row">
            <input type="checkbox" checked={draft.active} onChange={(e) => form.setActive(e.target.checked)} />
            <span>{t('register.form.active')}</span>
          </label>
        ) : null}
        <FailureAlert error={form.failure} />
        <div className="form-actions">
          <SubmitButton busy={form.saving} label={t('register.form.submit')} />
        </div>
      </form>
    </Dialog>
  );
}
