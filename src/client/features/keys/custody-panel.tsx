import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { CustodyForm } from './custody-form';
import { GiveOutDialog } from './give-out-dialog';
import { HeldList, RecentGivenOut, type Held } from './held-list';
import { useRecentClosings } from './use-movements';

export interface CustodyPanelProps {
  staffId: string;
  timeZone: string;
  /** The corrected "now" (T1); undefined while the clock offset loads. */
  now: number | undefined;
  held: Held[] | undefined;
  highlightId: string | null;
}

/**
 * Property of others the desk keeps or has detained (H8): "Take in" beside what is held now, with
 * "Give out" per item, and what was given out lately. Each intake and release is a movement.
 */
export function CustodyPanel({ staffId, timeZone, now, held, highlightId }: CustodyPanelProps) {
  const t = useT();
  const closings = useRecentClosings('custodyOut');
  const [givingOut, setGivingOut] = useState<Held | null>(null);
  const [done, setDone] = useState<{ label: string; party: string } | null>(null);
  // The form's default time is the corrected clock (T1), so it waits for the offset to load.
  if (now === undefined) return null;

  return (
    <div className="register-columns">
      <CustodyForm staffId={staffId} timeZone={timeZone} now={now} />
      <div className="register-stack">
        {done ? (
          <p role="status" className="form-ok">
            {t('register.custody.out.done', done)}
          </p>
        ) : null}
        <HeldList
          held={held}
          timeZone={timeZone}
          now={now}
          highlightId={highlightId}
          onGiveOut={(h) => {
            setDone(null);
            setGivingOut(h);
          }}
        />
        <RecentGivenOut closings={closings} timeZone={timeZone} now={now} />
      </div>
      {givingOut ? (
        <GiveOutDialog
          staffId={staffId}
          held={givingOut}
          timeZone={timeZone}
          correctedNow={now}
          onClose={() => setGivingOut(null)}
          onDone={(party) => {
            setDone({ label: givingOut.item.label, party });
            setGivingOut(null);
          }}
        />
      ) : null}
    </div>
  );
}
