import { useId } from 'react';
import type { CountItemView } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { PhotoThumb } from '../../ui/photo-thumb';
import { isCountable, lastCountText, shownQuantity, stateText, tileState } from './count-labels';

export interface CountTileProps {
  view: CountItemView;
  /** Whose property a custody item is (H8). */
  custodyParty: string | undefined;
  /** Signed: the buttons stay visible but say they do nothing (aria-disabled). */
  locked: boolean;
  onPresent(): void;
  onMissing(): void;
  onDamaged(): void;
  /** The stepper of a countable item: one fewer or one more at the desk. */
  onStep(delta: -1 | 1): void;
}

/**
 * One item of the count as a large tile: one tap on it marks it present; countable items get a
 * −/+ stepper; "Missing" and "Damaged" ask for the explanation (H8). Its state is said in words
 * and shown in colour. Wholly lent items are accounted for by their loans and show the borrower.
 */
export function CountTile({ view, custodyParty, locked, onPresent, onMissing, onDamaged, onStep }: CountTileProps) {
  const t = useT();
  const labelId = useId();
  const { item, line } = view;
  const state = tileState(view);
  const countable = isCountable(view);
  const where = [item.code, item.location].filter(Boolean).join(' · ');
  const quantity = shownQuantity(view);
  const label = item.label;
  const lockProps = locked ? { 'aria-disabled': true as const } : {};
  const borrowers = view.borrowers.join(', ');
  const summary = (
    <>
      <span id={labelId} className="count-tile-label">
        {label}
      </span>
      {where ? <span className="count-tile-where">{where}</span> : null}
      <span className={`count-state count-state-${state}`}>{stateText(t, view)}</span>
    </>
  );

  return (
    <li className={`count-tile state-${state}`} aria-labelledby={labelId}>
      {view.accountedWithoutTap ? (
        <div className="count-tile-main">{summary}</div>
      ) : (
        <button type="button" className="count-tile-main" onClick={onPresent} {...lockProps}>
          {summary}
        </button>
      )}
      {view.lent > 0 ? (
        <p className="count-tile-note">
          {view.accountedWithoutTap
            ? t('count.lentTo', { borrowers })
            : t('count.lentSome', { lent: view.lent, borrowers })}
          {view.overdue ? <span className="badge count-badge-overdue">{t('count.overdue')}</span> : null}
        </p>
      ) : null}
      {custodyParty ? <p className="count-tile-note">{t('count.custodyOf', { party: custodyParty })}</p> : null}
      {line && line.explanation ? (
        <p className="count-tile-explanation">{t('count.explanation.shown', { text: line.explanation })}</p>
      ) : null}
      {!line && view.lastClosing ? <p className="count-tile-hint">{lastCountText(t, view.lastClosing)}</p> : null}
      {view.accountedWithoutTap ? null : (
        <div className="count-tile-actions">
          {countable ? (
            <div className="count-stepper" role="group" aria-label={t('count.quantityName', { label })}>
              <Button
                aria-label={t('count.fewerName', { label })}
                onClick={() => onStep(-1)}
                disabled={quantity <= 0}
                {...lockProps}
              >
                −
              </Button>
              <output className="count-stepper-value">
                {t('count.quantityValue', { quantity, expected: view.expectedAtDesk })}
              </output>
              <Button
                aria-label={t('count.moreName', { label })}
                onClick={() => onStep(1)}
                disabled={quantity >= view.expectedAtDesk}
                {...lockProps}
              >
                +
              </Button>
            </div>
          ) : null}
          <Button variant="danger" aria-label={t('count.missingName', { label })} onClick={onMissing} {...lockProps}>
            {t('count.missing')}
          </Button>
          <Button aria-label={t('count.damagedName', { label })} onClick={onDamaged} {...lockProps}>
            {t('count.damaged')}
          </Button>
        </div>
      )}
      {view.photos.length > 0 ? (
        <div className="count-tile-photos">
          {view.photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
