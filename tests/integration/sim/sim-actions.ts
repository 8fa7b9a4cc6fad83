/**
 * The people's actions in the fault simulation, made through the repositories as the screens
 * make them, over every table a tablet writes (WRITE_POLICY; `staff` and `site` at setup and by the
 * admin). A repository's own refusal (a rule checked on the tablet) is counted, not failed: the
 * screen would show it beside the field. What reaches the outbox is what the invariants follow.
 */
import { DESK_ACTIONS } from './sim-desk-actions';
import { OFFICE_ACTIONS } from './sim-office-actions';
import type { Action } from './sim-step';

export type { Step } from './sim-step';

/** Each action with its weight. Names are the report's. */
export const ACTIONS: Record<string, { weight: number; run: Action }> = { ...DESK_ACTIONS, ...OFFICE_ACTIONS };

const TOTAL = Object.values(ACTIONS).reduce((n, a) => n + a.weight, 0);

/** Picks an action by weight. */
export function pickAction(random: () => number): string {
  let r = random() * TOTAL;
  for (const [name, a] of Object.entries(ACTIONS)) {
    r -= a.weight;
    if (r < 0) return name;
  }
  return 'entry';
}
