import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { CountFinding } from '../../../domain/count-findings';
import type { Item, Staff } from '../../../domain/entities';
import type { ItemMovement } from '../../../domain/item-entities';
import type { OpenLoan } from '../../../domain/loan-rules';
import { openDutyFor } from '../../db/queries';
import { countFindingsNow, custodyHeldNow, listItems, loansNow } from '../../db/queries/register-queries';
import type { HandoverDb } from '../../db/schema';
import { useDb } from '../../ui/db-context';

/**
 * What the register shows beside an item: who has it out, whether overdue, whether held, and
 * what the newest count found.
 */
export interface ItemState {
  loans: OpenLoan[];
  overdue: boolean;
  /** The open custodyIn of a custody item (H8: property of others the desk keeps). */
  held: ItemMovement | null;
  /** H8: what the newest count found, signed or still in progress; null if never counted. */
  finding: CountFinding | null;
}

export const NO_STATE: ItemState = { loans: [], overdue: false, held: null, finding: null };

/**
 * Loans first by due state (OVERDUE first, so they are seen first), then by due time, then lend
 * time, so the list reads the same on every tablet.
 */
export function sortLoans(loans: readonly OpenLoan[]): OpenLoan[] {
  return [...loans].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.lend.dueAt ?? Infinity) - (b.lend.dueAt ?? Infinity) ||
      a.lend.occurredAt - b.lend.occurredAt ||
      a.lend.id.localeCompare(b.lend.id),
  );
}

/** The open loans at `now` (T1-corrected), sorted; undefined while loading. */
export function useOpenLoans(now: number | undefined): OpenLoan[] | undefined {
  const db = useDb();
  const loans = useLiveQuery(
    async () => (now === undefined ? undefined : sortLoans(await loansNow(db, now))),
    [db, now],
  );
  return loans;
}

/** The custody items the desk holds now, oldest intake first. */
export function useHeldCustody(): { movement: ItemMovement; item: Item }[] | undefined {
  const db = useDb();
  return useLiveQuery(
    async () =>
      (await custodyHeldNow(db)).sort(
        (a, b) => a.movement.occurredAt - b.movement.occurredAt || a.movement.id.localeCompare(b.movement.id),
      ),
    [db],
  );
}

/**
 * Whether this person keeps the register: the section chief or an administrator (H8, O1); nobody
 * unknown to the tablet does. Everyone else sees it read-only.
 */
export function keepsRegister(staff: Pick<Staff, 'role'> | null): boolean {
  return staff !== null && (staff.role === 'chief' || staff.role === 'admin');
}

/**
 * The register's items (category order, then code) with each item's loans, custody state and
 * newest count finding (H8).
 */
export function useRegister(includeInactive: boolean, now: number | undefined) {
  const db = useDb();
  const items = useLiveQuery(() => listItems(db, { includeInactive }), [db, includeInactive]);
  const loans = useOpenLoans(now);
  const held = useHeldCustody();
  const findings = useLiveQuery(async () => (now === undefined ? undefined : countFindingsNow(db, now)), [db, now]);
  const states = useMemo(() => {
    const map = new Map<string, ItemState>();
    const stateOf = (itemId: string) => {
      const s = map.get(itemId) ?? { ...NO_STATE, loans: [] };
      map.set(itemId, s);
      return s;
    };
    for (const loan of loans ?? []) {
      const s = stateOf(loan.lend.itemId);
      s.loans.push(loan);
      s.overdue ||= loan.overdue;
    }
    for (const h of held ?? []) stateOf(h.item.id).held = h.movement;
    for (const [itemId, finding] of findings ?? []) stateOf(itemId).finding = finding;
    return map;
  }, [loans, held, findings]);
  return { items, states, loans, held };
}

/**
 * The duty a movement belongs to: the person's open duty at the moment of writing, or null when
 * they have none open (a chief lending a key outside a desk shift). Read at save time, not
 * cached, so a handover signed meanwhile never attaches a loan to a closed duty.
 */
export async function currentDutyId(db: HandoverDb, staffId: string): Promise<string | null> {
  return (await openDutyFor(db, staffId))?.id ?? null;
}
