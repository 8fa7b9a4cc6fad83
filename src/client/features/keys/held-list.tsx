import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { Item } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import { photosFor } from '../../db/queries/photo-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { useDb } from '../../ui/db-context';
import { PhotoThumb } from '../../ui/photo-thumb';
import { formatShort } from '../../ui/time';
import { scrollIntoViewRef } from './use-items-focus';
import type { ClosedPair } from './use-movements';

export interface Held {
  movement: ItemMovement;
  item: Item;
}

export interface HeldListProps {
  held: readonly Held[] | undefined;
  timeZone: string;
  now: number;
  highlightId: string | null;
  onGiveOut(held: Held): void;
}

/** The property of others the desk holds now, with its story and photos, each with "Give out". */
export function HeldList({ held, timeZone, now, highlightId, onGiveOut }: HeldListProps) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card held-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('register.custody.held.title')}</h2>
      {held && held.length === 0 ? <p className="empty">{t('register.custody.held.empty')}</p> : null}
      <ul className="held-rows" aria-labelledby={titleId}>
        {held?.map((h) => {
          const m = h.movement;
          const focused = m.id === highlightId || h.item.id === highlightId;
          const facts: [string, string][] = [
            [t('register.custody.whose'), m.party],
            [t('register.custody.from'), m.fromParty],
            [t('register.custody.why'), m.reason],
            [t('register.custody.since'), formatShort(m.occurredAt, now, timeZone)],
            [t('register.custody.where'), h.item.location],
            [t('register.custody.phone'), m.contact],
          ];
          return (
            <li
              key={m.id}
              className={focused ? 'held-row is-focused' : 'held-row'}
              ref={focused ? scrollIntoViewRef : undefined}
            >
              <div className="row-body">
                <div className="loan-main">
                  <span className="item-label">{h.item.label}</span>
                  <span className="item-code">{h.item.code}</span>
                  {m.quantity > 1 ? (
                    <span className="loan-quantity">{t('register.loans.quantityOf', { quantity: m.quantity })}</span>
                  ) : null}
                </div>
                <dl className="item-facts">
                  {facts
                    .filter(([, v]) => v !== '')
                    .map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                </dl>
                <MovementPhotos movementId={m.id} />
              </div>
              <Button
                className="held-give-out"
                aria-label={t('register.custody.giveOutName', { label: h.item.label })}
                onClick={() => onGiveOut(h)}
              >
                {t('register.custody.giveOut')}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The photos taken when the item came in, from this tablet or fetched from the server. */
function MovementPhotos({ movementId }: { movementId: string }) {
  const db = useDb();
  const photos = useLiveQuery(() => photosFor(db, 'itemMovement', movementId), [db, movementId]);
  if (!photos || photos.length === 0) return null;
  return (
    <div className="held-photos">
      {photos.map((p) => (
        <PhotoThumb key={p.id} photo={p} />
      ))}
    </div>
  );
}

/** Custody items given out lately: what, to whom, how the receiver was checked, when. */
export function RecentGivenOut({
  closings,
  timeZone,
  now,
}: {
  closings: readonly ClosedPair[] | undefined;
  timeZone: string;
  now: number;
}) {
  const t = useT();
  const titleId = useId();
  return (
    <section className="card recent-list" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('register.custody.recent.title')}</h2>
      {closings && closings.length === 0 ? <p className="empty">{t('register.custody.recent.empty')}</p> : null}
      <ul className="recent-rows" aria-labelledby={titleId}>
        {closings?.map(({ close, item }) => (
          <li key={close.id}>
            <span className="record-time">{formatShort(close.occurredAt, now, timeZone)}</span>
            <span>
              {t('register.custody.recent.row', {
                label: item?.label ?? '',
                party: close.party,
                checkedHow: close.checkedHow,
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
