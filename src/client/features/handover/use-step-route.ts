/**
 * The handover's current step lives in the URL (`/handover/count`), so a reload, Back and Forward
 * reopen the handover where it was (issue 7, point 8). This is only the binding of the URL to a
 * step; which step opens first, and what each one does, stays with the flow (steps.ts).
 */
import { useCallback, useEffect } from 'react';
import { usePathDetail } from '../../state/routes';
import { STEP_IDS, type StepId } from './steps';

const isStepId = (value: string | null): value is StepId => STEP_IDS.some((s) => s === value);

/**
 * The step in the URL (null when it names none, or none that exists), and a move to another step.
 * A move is a new history entry, so Back returns to the step shown before; `{replace: true}` puts
 * the step into the URL without one (the first step opened on `/handover`).
 */
export function useStepRoute(): [StepId | null, (step: StepId, opts?: { replace?: boolean }) => void] {
  const [detail, setDetail] = usePathDetail('handover');
  const goTo = useCallback(
    (step: StepId, opts: { replace?: boolean } = {}) => setDetail(step, { push: opts.replace !== true }),
    [setDetail],
  );
  return [isStepId(detail) ? detail : null, goTo];
}

/**
 * Drops the step from the URL while no handover is being prepared (none yet, or just signed), so
 * the next handover started here opens on its own first open step, not on the last one's.
 */
export function useNoStepWithoutFlow(noFlow: boolean): void {
  const [detail, setDetail] = usePathDetail('handover');
  useEffect(() => {
    if (noFlow && detail !== null) setDetail(null);
  }, [noFlow, detail, setDetail]);
}
