import { useState } from 'react';
import { useT, type TFunction } from '../../i18n/use-t';
import { Dialog } from '../../ui/dialog';
import { QrScanner } from '../../ui/qr-scanner';
import { beep } from './beep';
import type { ScanOutcome } from './use-count';

function outcomeText(t: TFunction, o: ScanOutcome): string {
  switch (o.kind) {
    case 'marked':
      return t('count.scan.marked', { label: o.label });
    case 'already':
      return t('count.scan.already', { label: o.label });
    case 'lent':
      return t('count.scan.lent', { label: o.label });
    case 'notInCount':
      return t('count.scan.notInCount', { label: o.label });
    case 'unknown':
      return t('count.scan.unknown', { code: o.code });
    case 'refused':
      return t('count.locked');
  }
}

/** Counts as success for the beep and the flash: the item is (now) accounted for. */
const isGood = (o: ScanOutcome) => o.kind === 'marked' || o.kind === 'already' || o.kind === 'lent';

/**
 * The camera scanner over the count: each code read marks its item present (H8) with a beep, a
 * flash and an announcement, and stays open for the next tag, so a drawer of keys is counted by
 * holding the tags up one after the other.
 */
export function ScanDialog({ onScan, onClose }: { onScan(code: string): Promise<ScanOutcome>; onClose(): void }) {
  const t = useT();
  const [last, setLast] = useState<{ seq: number; outcome: ScanOutcome } | null>(null);

  const onCode = async (code: string) => {
    const outcome = await onScan(code);
    beep(isGood(outcome) ? 'ok' : 'error');
    setLast((prev) => ({ seq: (prev?.seq ?? 0) + 1, outcome }));
  };

  const good = last ? isGood(last.outcome) : false;
  return (
    <Dialog title={t('count.scan.title')} onClose={onClose} wide>
      <QrScanner onCode={(code) => void onCode(code)} />
      {/* Both regions are always there, so screen readers announce what appears in them; each
          result is keyed by the scan, so the flash animation restarts for every code. */}
      <div role="status" aria-atomic="true" className="scan-result-region">
        {last && good ? (
          <p key={last.seq} className="scan-result scan-ok">
            {outcomeText(t, last.outcome)}
          </p>
        ) : null}
      </div>
      <div role="alert" aria-atomic="true" className="scan-result-region">
        {last && !good ? (
          <p key={last.seq} className="scan-result scan-bad">
            {outcomeText(t, last.outcome)}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
