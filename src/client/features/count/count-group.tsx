import { useId } from 'react';
import type { ItemCategory } from '../../../domain/entities';
import type { CountItemView } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { categoryKey } from './count-labels';
import { CountRow } from './count-row';

export interface CountGroupProps {
  category: ItemCategory;
  items: CountItemView[];
  custodyParty: ReadonlyMap<string, string>;
  locked: boolean;
  onAllPresent(items: CountItemView[]): void;
  onPresent(v: CountItemView): void;
  onProblem(v: CountItemView): void;
  onStep(v: CountItemView, delta: -1 | 1): void;
}

/**
 * One category of the count: its heading, how many are done, "All present" for everything in it
 * not counted yet (one tap for a drawer of keys), and its compact rows.
 */
export function CountGroup(props: CountGroupProps) {
  const { category, items, custodyParty, locked } = props;
  const t = useT();
  const headingId = useId();
  const name = t(categoryKey(category));
  const done = items.filter((v) => v.line !== null || v.accountedWithoutTap).length;
  const remaining = items.length - done;

  return (
    <section className="count-group" aria-labelledby={headingId}>
      <div className="count-group-top">
        <h3 id={headingId}>{name}</h3>
        <span className="count">{t('count.group.done', { done, total: items.length })}</span>
        <Button
          variant="primary"
          className="count-all-present"
          aria-label={t('count.group.allPresentName', { group: name })}
          disabled={remaining === 0}
          {...(locked ? { 'aria-disabled': true as const } : {})}
          onClick={() => props.onAllPresent(items)}
        >
          {t('count.group.allPresent')}
        </Button>
      </div>
      <ul className="count-rows" aria-labelledby={headingId}>
        {items.map((v) => (
          <CountRow
            key={v.item.id}
            view={v}
            custodyParty={custodyParty.get(v.item.id)}
            locked={locked}
            onPresent={() => props.onPresent(v)}
            onProblem={() => props.onProblem(v)}
            onStep={(delta) => props.onStep(v, delta)}
          />
        ))}
      </ul>
    </section>
  );
}
