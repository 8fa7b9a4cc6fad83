import { useEffect, useId, useRef, useState } from 'react';
import { isDiscrepancy } from '../../../domain/count-rules';
import type { CountState } from '../../../domain/handover-entities';
import type { CountItemView } from '../../db/queries/handover-queries';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { primeAudio } from './beep';
import { problemQuantity, shownQuantity } from './count-labels';
import { CountGroup } from './count-group';
import { CountSummary } from './count-summary';
import { DiscrepancyDialog, type DiscrepancyRequest } from './discrepancy-dialog';
import { ScanDialog } from './scan-dialog';
import { useCount } from './use-count';

export interface CountScreenProps {
  handoverId: string;
  /** The signed-in person, who records the taps. */
  staffId: string;
}

/** The state a stepper tap keeps: damaged stays damaged; missing stays missing while still short. */
function steppedState(v: CountItemView, quantity: number): CountState {
  const current = v.line?.state;
  if (current === 'damaged') return 'damaged';
  if (current === 'missing' && quantity < v.expectedAtDesk) return 'missing';
  return 'present';
}

/**
 * The 5-minute count (H8, C.2.1(1)): every public item, grouped by category, counted face to face.
 * One tap per item row or one per group; missing and damaged items need the outgoing person's
 * explanation; the QR scanner marks tags present. Progress, timer and scanner sit in one slim
 * sticky bar so the rows get the screen. Every tap is durable before the screen changes, so a
 * reload continues exactly where the count was.
 */
export function CountScreen({ handoverId, staffId }: CountScreenProps) {
  const t = useT();
  const titleId = useId();
  const count = useCount(handoverId, staffId);
  const [request, setRequest] = useState<DiscrepancyRequest | null>(null);
  const [scanning, setScanning] = useState(false);
  const { data, locked, failure } = count;
  const sectionRef = useRef<HTMLElement>(null);
  const loaded = data !== undefined && data !== null;

  // The count opens with its first items in view (H8: five minutes): whatever the screen shows
  // above it (the handover's steps, a signed record), its slim bar comes to the top of the
  // scrolling area once, and the rows fill the rest. jsdom has no scrollIntoView.
  useEffect(() => {
    if (loaded) sectionRef.current?.scrollIntoView?.({ block: 'start' });
  }, [loaded]);

  if (data === undefined) return <p className="count-loading">{t('count.loading')}</p>;
  if (data === null) return <p role="alert">{t('count.notFound')}</p>;
  const { view, custodyParty } = data;
  const items = view.groups.flatMap((g) => g.items);
  const editing = request ? items.find((v) => v.item.id === request.itemId) : undefined;

  // A signed count opens no form: the alert above already says why nothing can change (H3).
  const ask = (v: CountItemView, mode: DiscrepancyRequest['mode'], state: CountState, quantity: number) => {
    if (!locked) setRequest({ itemId: v.item.id, mode, state, quantity, explanation: v.line?.explanation ?? '' });
  };

  // "Missing / damaged": an item already found damaged reopens as damaged, anything else as missing.
  const onProblem = (v: CountItemView) => {
    const state = v.line?.state === 'damaged' ? 'damaged' : 'missing';
    ask(v, 'problem', state, problemQuantity(v, state));
  };

  const onStep = (v: CountItemView, delta: -1 | 1) => {
    const quantity = Math.min(v.expectedAtDesk, Math.max(0, shownQuantity(v) + delta));
    const state = steppedState(v, quantity);
    const explanation = v.line?.explanation ?? '';
    // H8: one more back at the desk keeps the explanation already given; one fewer asks again.
    if (!isDiscrepancy(v.item, { state, quantity }, v.lent) || (delta > 0 && explanation !== '')) {
      void count.tap({ itemId: v.item.id, state, quantity, explanation });
    } else {
      ask(v, 'fewer', state, quantity);
    }
  };

  return (
    <section className="count-screen" aria-labelledby={titleId} ref={sectionRef}>
      <header className="count-header">
        <div className="count-bar-row">
          <h2 id={titleId}>{t('count.title')}</h2>
          <CountSummary view={view} nowMs={data.nowMs} />
          <Button
            variant="primary"
            className="count-scan"
            onClick={() => {
              if (locked) return;
              primeAudio();
              setScanning(true);
            }}
            {...(locked ? { 'aria-disabled': true as const } : {})}
          >
            {t('count.scan')}
          </Button>
        </div>
        {/* One place for refusals while no dialog is open; an open dialog shows them itself. */}
        {locked && !request ? (
          <p role="alert" className="form-error">
            {t('count.locked')}
          </p>
        ) : null}
        {!request ? <FailureAlert error={failure} /> : null}
      </header>
      {view.locked ? null : <p className="count-intro">{t('count.intro')}</p>}
      {view.groups.length === 0 ? <p className="empty">{t('count.empty')}</p> : null}
      {view.groups.map((g) => (
        <CountGroup
          key={g.category}
          category={g.category}
          items={g.items}
          custodyParty={custodyParty}
          locked={locked}
          onAllPresent={(groupItems) => void count.markGroup(groupItems)}
          onPresent={(v) => void count.markPresent(v)}
          onProblem={onProblem}
          onStep={onStep}
        />
      ))}
      {request && editing ? (
        <DiscrepancyDialog
          view={editing}
          request={request}
          locked={locked}
          failure={failure}
          onSave={count.tap}
          onClose={() => setRequest(null)}
        />
      ) : null}
      {scanning ? <ScanDialog onScan={count.scan} onClose={() => setScanning(false)} /> : null}
    </section>
  );
}
