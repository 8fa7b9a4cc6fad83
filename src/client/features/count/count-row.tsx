import { Fragment, useId } from 'react';
import type { CountItemView } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { PhotoThumb } from '../../ui/photo-thumb';
import { isCountable, lastCountText, rowState, shownQuantity, stateText } from './count-labels';

export interface CountRowProps {
  view: CountItemView;
  /** Whose property a custody item is (H8). */
  custodyParty: string | undefined;
  /** Signed: the buttons stay visible but say they do nothing (aria-disabled). */
  locked: boolean;
  onPresent(): void;
  /** "Missing / damaged": opens the explanation dialog (H8). */
  onProblem(): void;
  /** The stepper of a countable item: one fewer or one more at the desk. */
  onStep(delta: -1 | 1): void;
}

/**
 * One item of the count as a compact row, so a landscape tablet shows a dozen at once (H8: the
 * count fits its 5 minutes). A tap anywhere on the row's main part marks the item present; the
 * secondary "Missing / damaged" asks for the outgoing person's explanation; countable items keep
 * their −/+ stepper. The state is said in words beside its mark and colour; loans (borrower,
 * overdue) and custody (whose property) are said on the row itself. Items wholly lent out are
 * accounted for by their loans and have nothing to tap.
 */
export function CountRow({ view, custodyParty, locked, onPresent, onProblem, onStep }: CountRowProps) {
  const t = useT();
  const labelId = useId();
  const statusId = useId();
  const { item, line } = view;
  const state = rowState(view);
  const countable = isCountable(view);
  const quantity = shownQuantity(view);
  const label = item.label;
  const lockProps = locked ? { 'aria-disabled': true as const } : {};
  const borrowers = view.borrowers.join(', ');
  // What the last signed count found, while this count has not reached the item yet.
  const hint = !line && view.lastClosing ? lastCountText(t, view.lastClosing) : null;

  // Untouched with a hint: the empty tick box says "not counted" by its shape and the words stay
  // for screen readers, so the hint keeps the row to two lines.
  const notes: { key: string; className: string; text: string }[] = [
    {
      key: 'state',
      className: `count-state count-state-${state}${hint ? ' visually-hidden' : ''}`,
      text: stateText(t, view),
    },
  ];
  if (view.lent > 0) {
    const text = view.accountedWithoutTap
      ? t('count.lentTo', { borrowers })
      : t('count.lentSome', { lent: view.lent, borrowers });
    notes.push({ key: 'lent', className: 'count-row-note', text });
  }
  if (view.overdue) notes.push({ key: 'overdue', className: 'badge count-badge-overdue', text: t('count.overdue') });
  if (custodyParty) {
    notes.push({ key: 'custody', className: 'count-row-note', text: t('count.custodyOf', { party: custodyParty }) });
  }
  if (hint) notes.push({ key: 'hint', className: 'count-row-hint', text: hint });
  if (line && line.explanation) {
    const text = t('count.explanation.shown', { text: line.explanation });
    notes.push({ key: 'explanation', className: 'count-row-explanation', text });
  }

  const body = (
    <>
      <span className="count-row-mark" aria-hidden="true" />
      <span className="count-row-text">
        <span className="count-row-title">
          <span id={labelId} className="count-row-label">
            {label}
          </span>{' '}
          <span className="count-row-code">{item.code}</span>
        </span>
        <span id={statusId} className="count-row-status">
          {/* Spaces between the parts: invisible in the flex line, they keep the words apart when
              the line is read out as the button's description. */}
          {notes.map((n, i) => (
            <Fragment key={n.key}>
              {i > 0 ? ' ' : null}
              <span className={n.className}>{n.text}</span>
            </Fragment>
          ))}
        </span>
      </span>
    </>
  );

  return (
    <li className={`count-row state-${state}`} aria-labelledby={labelId}>
      {view.accountedWithoutTap ? (
        <div className="count-row-main">{body}</div>
      ) : (
        <button
          type="button"
          className="count-row-main"
          aria-label={t('count.presentName', { label, code: item.code })}
          aria-describedby={statusId}
          onClick={onPresent}
          {...lockProps}
        >
          {body}
        </button>
      )}
      {view.accountedWithoutTap ? null : (
        <>
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
          <Button
            className="count-row-problem"
            aria-label={t('count.problemName', { label })}
            onClick={onProblem}
            {...lockProps}
          >
            {t('count.problem')}
          </Button>
        </>
      )}
      {view.photos.length > 0 ? (
        <div className="count-row-photos">
          {view.photos.map((p) => (
            <PhotoThumb key={p.id} photo={p} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
