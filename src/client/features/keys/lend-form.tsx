import { useId, useMemo } from 'react';
import { expectedAtDesk } from '../../../domain/count-rules';
import { ITEM_CATEGORIES, type Item } from '../../../domain/entities';
import { LENDABLE_CATEGORIES } from '../../../domain/item-entities';
import { useT } from '../../i18n/use-t';
import { SegmentedControl } from '../../ui/choice-group';
import { DraftNote } from '../../ui/draft-note';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { borrowerKindOptions, categoryKey, errorText } from './register-labels';
import { LEND_LIMITS, useLendForm, type LendFormErrors, type LendTextField } from './use-lend-form';

export interface LendFormProps {
  staffId: string;
  timeZone: string;
  items: ReadonlyMap<string, Item> | undefined;
  /** How many of each item are out on loan now, so the picker says how many are at the desk. */
  lent: ReadonlyMap<string, { quantity: number }>;
}

const LABELS = {
  itemId: 'register.loans.item',
  quantity: 'register.loans.quantity',
  party: 'register.loans.party',
  partyKind: 'register.loans.partyKind',
  contact: 'register.loans.contact',
  reason: 'register.loans.reason',
  dueAt: 'register.loans.dueAt',
} as const;

/** Lend a key or radio: item, quantity for countable items, borrower, contact, purpose, due time. */
export function LendForm({ staffId, timeZone, items, lent }: LendFormProps) {
  const t = useT();
  const titleId = useId();
  const form = useLendForm(staffId, timeZone, items);
  const { draft } = form;
  const error = (field: keyof LendFormErrors) => errorText(t, t(LABELS[field]), form.errors[field]);
  const groups = useMemo(() => {
    const lendable = [...(items?.values() ?? [])].filter((i) => i.active && LENDABLE_CATEGORIES.includes(i.category));
    return ITEM_CATEGORIES.map((c) => ({ category: c, items: lendable.filter((i) => i.category === c) })).filter(
      (g) => g.items.length > 0,
    );
  }, [items]);

  const textInput = (field: LendTextField, extra?: { inputMode?: 'tel' }) => (
    <Field label={t(LABELS[field])} error={error(field)} limit={{ max: LEND_LIMITS[field], value: draft[field] }}>
      {(p) => (
        <input
          {...p}
          {...extra}
          autoComplete="off"
          value={draft[field]}
          onChange={(e) => form.set(field, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={(el) => form.attachForm(el)}
      className="card lend-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit();
      }}
    >
      <h2 id={titleId}>{t('register.loans.form.title')}</h2>
      <DraftNote restored={form.restored} onDiscard={form.discard} />
      {items && groups.length === 0 ? <p className="empty">{t('register.loans.noLendable')}</p> : null}
      <div className="field-row">
        <Field label={t(LABELS.itemId)} error={error('itemId')}>
          {(p) => (
            <select {...p} value={draft.itemId} onChange={(e) => form.set('itemId', e.target.value)}>
              <option value="">{t('register.loans.item.choose')}</option>
              {groups.map((g) => (
                <optgroup key={g.category} label={t(categoryKey(g.category))}>
                  {g.items.map((i) => {
                    const atDesk = expectedAtDesk(i, lent.get(i.id)?.quantity ?? 0);
                    return (
                      <option key={i.id} value={i.id} disabled={atDesk === 0}>
                        {t('register.loans.item.option', { label: i.label, code: i.code, count: atDesk })}
                      </option>
                    );
                  })}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        {form.countable ? (
          <Field label={t(LABELS.quantity)} error={error('quantity')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                maxLength={5}
                value={draft.quantity}
                onChange={(e) => form.set('quantity', e.target.value)}
              />
            )}
          </Field>
        ) : null}
      </div>
      <div className="field-row">
        {textInput('party')}
        {textInput('contact', { inputMode: 'tel' })}
      </div>
      <SegmentedControl
        legend={t(LABELS.partyKind)}
        options={borrowerKindOptions(t)}
        value={draft.partyKind}
        onChange={(v) => form.set('partyKind', v)}
        error={error('partyKind')}
      />
      {textInput('reason')}
      <Field label={t(LABELS.dueAt)} hint={t('register.loans.zoneHint', { zone: timeZone })} error={error('dueAt')}>
        {(p) => (
          <input {...p} type="datetime-local" value={draft.dueAt} onChange={(e) => form.set('dueAt', e.target.value)} />
        )}
      </Field>
      <FailureAlert error={form.failure} />
      {form.saved ? (
        <p role="status" className="form-ok">
          {t('register.loans.saved', form.saved)}
        </p>
      ) : null}
      <div className="form-actions">
        <SubmitButton busy={form.saving} label={t('register.loans.submit')} />
      </div>
    </form>
  );
}
