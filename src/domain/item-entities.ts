/**
 * H8 item movements: lending keys and radios, and the property of others the desk keeps in custody.
 * Append-only (docs/architecture.md "Data"): a loan is closed by a `return` movement that points at it, a
 * custody intake by a `custodyOut`, so the history of every item is never rewritten. A return
 * recorded by mistake is cancelled within a minute by a `returnUndone` that points at it, which
 * reopens the loan: an op of its own, never a deletion (issue 7 §8).
 */
import { z } from 'zod';
import type { ItemCategory } from './entities';
import { EpochMs, Id, rowBase, text } from './row-base';

export const MOVEMENT_KINDS = ['lend', 'return', 'custodyIn', 'custodyOut', 'returnUndone'] as const;
export const MovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKind>;

/** Who borrowed a key or radio. */
export const BORROWER_KINDS = ['contractor', 'tenant', 'colleague'] as const;
export const BorrowerKind = z.enum(BORROWER_KINDS);
export type BorrowerKind = z.infer<typeof BorrowerKind>;

/** Categories that may be lent out (keys and radios, and the desk's other communication gear). */
export const LENDABLE_CATEGORIES: readonly ItemCategory[] = ['radio', 'key', 'showflatKey', 'commEquipment'];

export const ItemMovement = z.object({
  ...rowBase,
  itemId: Id,
  kind: MovementKind,
  quantity: z.number().int().min(1).max(10_000),
  /** lend: the borrower; custodyIn: whose property it is; custodyOut: to whom it was given. */
  party: text(120),
  /** lend only: contractor, tenant or colleague. */
  partyKind: BorrowerKind.nullable(),
  /** custodyIn: from whom the desk received or detained it. */
  fromParty: text(120),
  /** lend: the borrower's phone; custody: the owner's. */
  contact: text(120),
  /** custodyIn: why the desk keeps it; lend: what for. */
  reason: text(500),
  /** custodyOut: how the receiver's identity was checked. */
  checkedHow: text(200),
  /** lend only: when it must be back. */
  dueAt: EpochMs.nullable(),
  /** return: the lend it closes; custodyOut: the custodyIn it closes; returnUndone: the return it cancels. */
  closesId: Id.nullable(),
  occurredAt: EpochMs,
  staffId: Id,
  dutyId: Id.nullable(),
  recordedAt: EpochMs,
  deviceTime: EpochMs,
});
export type ItemMovement = z.infer<typeof ItemMovement>;
