import { useId, useMemo, useState } from 'react';
import { ITEM_CATEGORIES, type Item, type ItemCategory } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useStaffMember } from '../../ui/use-staff';
import { ItemFormDialog } from './item-form-dialog';
import { ItemGroup } from './item-rows';
import { LabelSheet } from './label-sheet';
import { keepsRegister, useRegister } from './use-register';

export interface RegisterPanelProps {
  staffId: string;
  timeZone: string;
  now: number | undefined;
  highlightId: string | null;
}

/**
 * The item register by category (H8) with where each item is now. The section chief or an admin
 * adds and edits items; everyone may print the QR labels and read the register.
 */
export function RegisterPanel({ staffId, timeZone, now, highlightId }: RegisterPanelProps) {
  const t = useT();
  const titleId = useId();
  const me = useStaffMember(staffId);
  const canEdit = me === undefined ? undefined : keepsRegister(me);
  const [showInactive, setShowInactive] = useState(false);
  const { items, states } = useRegister(showInactive, now);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const groups = useMemo(() => {
    const byCategory = new Map<ItemCategory, Item[]>();
    for (const item of items ?? []) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
    return ITEM_CATEGORIES.flatMap((c) => {
      const list = byCategory.get(c);
      return list ? [{ category: c, items: list }] : [];
    });
  }, [items]);
  const printable = useMemo(() => (items ?? []).filter((i) => i.active), [items]);

  return (
    <section className="card register-card" aria-labelledby={titleId}>
      <div className="card-top">
        <h2 id={titleId}>{t('register.list.title')}</h2>
        <div className="register-actions">
          {canEdit ? (
            <Button
              variant="primary"
              onClick={() => {
                setSaved(null);
                setEditing('new');
              }}
            >
              {t('register.add')}
            </Button>
          ) : null}
          <Button onClick={() => setPrinting(true)}>{t('register.labels.open')}</Button>
        </div>
      </div>
      {canEdit === false ? <p className="meta">{t('register.list.readOnly')}</p> : null}
      {saved ? (
        <p role="status" className="form-ok">
          {t('register.form.saved', { label: saved })}
        </p>
      ) : null}
      <label className="check-row">
        <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
        <span>{t('register.list.showInactive')}</span>
      </label>
      {items && items.length === 0 ? <p className="empty">{t('register.list.empty')}</p> : null}
      {now !== undefined
        ? groups.map((g) => (
            <ItemGroup
              key={g.category}
              category={g.category}
              items={g.items}
              states={states}
              timeZone={timeZone}
              now={now}
              canEdit={canEdit === true}
              highlightId={highlightId}
              onEdit={(item) => {
                setSaved(null);
                setEditing(item);
              }}
            />
          ))
        : null}
      {editing ? (
        <ItemFormDialog
          staffId={staffId}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(item) => {
            setEditing(null);
            setSaved(item.label);
          }}
        />
      ) : null}
      {printing ? <LabelSheet items={printable} onClose={() => setPrinting(false)} /> : null}
    </section>
  );
}
