import { useId } from 'react';
import { isProblemFinding } from '../../../domain/count-findings';
import type { Item, ItemCategory } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { formatShort } from '../../ui/time';
import { categoryKey, findingText } from './register-labels';
import { NO_STATE, type ItemState } from './use-register';
import { scrollIntoViewRef } from './use-items-focus';

export interface ItemGroupProps {
  category: ItemCategory;
  items: readonly Item[];
  states: ReadonlyMap<string, ItemState>;
  timeZone: string;
  now: number;
  /** The chief or admin: each row gets an Edit button. */
  canEdit: boolean;
  highlightId: string | null;
  onEdit(item: Item): void;
}

/** One category of the register (H8), with each item's label, code, quantity, place and state. */
export function ItemGroup({ category, items, states, timeZone, now, canEdit, highlightId, onEdit }: ItemGroupProps) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="item-group" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t(categoryKey(category))} <span className="count">({items.length})</span>
      </h3>
      <ul className="item-rows" aria-labelledby={titleId}>
        {items.map((item) => (
          <ItemRow
            key={item.id}
            item={item}
            state={states.get(item.id) ?? NO_STATE}
            timeZone={timeZone}
            now={now}
            canEdit={canEdit}
            focused={item.id === highlightId}
            onEdit={() => onEdit(item)}
          />
        ))}
      </ul>
    </section>
  );
}

interface ItemRowProps {
  item: Item;
  state: ItemState;
  timeZone: string;
  now: number;
  canEdit: boolean;
  focused: boolean;
  onEdit(): void;
}

function ItemRow({ item, state, timeZone, now, canEdit, focused, onEdit }: ItemRowProps) {
  const t = useT();
  const classes = [
    'item-row',
    state.overdue ? 'is-overdue' : '',
    item.active ? '' : 'is-inactive',
    focused ? 'is-focused' : '',
  ].filter(Boolean);
  return (
    <li className={classes.join(' ')} ref={focused ? scrollIntoViewRef : undefined}>
      <div className="row-body">
        <div className="item-main">
          <span className="item-label">{item.label}</span>
          <span className="item-code">{item.code}</span>
        </div>
        <dl className="item-facts">
          <div>
            <dt>{t('register.item.expected')}</dt>
            <dd>{item.expectedQuantity}</dd>
          </div>
          {item.location ? (
            <div>
              <dt>{t('register.item.location')}</dt>
              <dd>{item.location}</dd>
            </div>
          ) : null}
        </dl>
        <div className="item-state">
          <ItemStateBadges item={item} state={state} timeZone={timeZone} now={now} />
        </div>
      </div>
      {canEdit ? (
        <Button className="item-edit" aria-label={t('register.item.editName', { label: item.label })} onClick={onEdit}>
          {t('register.item.edit')}
        </Button>
      ) : null}
    </li>
  );
}

/**
 * Where the item is now: at the desk, lent (to whom, overdue in text and colour), held or unused;
 * and what the newest count found wrong with it (H8), which it is then not "at the desk".
 */
function ItemStateBadges({ item, state, timeZone, now }: Omit<ItemRowProps, 'canEdit' | 'focused' | 'onEdit'>) {
  const t = useT();
  if (!item.active) return <span className="badge">{t('register.item.inactive')}</span>;
  const problem = state.finding && isProblemFinding(state.finding) ? state.finding : null;
  return (
    <>
      {state.loans.map((loan) => (
        <span key={loan.lend.id} className={`badge ${loan.overdue ? 'badge-overdue' : 'badge-lent'}`}>
          {t('register.item.lentTo', { party: loan.lend.party, quantity: loan.lend.quantity })}
          {loan.overdue ? ` · ${t('register.item.overdue')}` : ''}
        </span>
      ))}
      {state.held ? (
        <span className="badge badge-held">
          {t('register.item.held', { time: formatShort(state.held.occurredAt, now, timeZone) })}
        </span>
      ) : null}
      {problem ? <span className="badge badge-problem">{findingText(t, item, problem)}</span> : null}
      {state.loans.length === 0 && !state.held && !problem && item.category !== 'custody' ? (
        <span className="badge badge-desk">{t('register.item.atDesk')}</span>
      ) : null}
    </>
  );
}
