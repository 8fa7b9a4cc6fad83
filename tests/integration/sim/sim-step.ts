/**
 * What one action of the fault simulation is given (the fleet, the tablet and tab, the seeded
 * random source) and the small helpers the actions share.
 */
import type { Role } from '../../../src/domain/entities';
import type { HandoverDb } from '../../../src/client/db/schema';
import type { Fleet, Person, Tablet } from './sim-fleet';

export const HOUR = 3_600_000;
export const TZ = 'Asia/Hong_Kong';
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M2 30 C 20 2, 40 2, 60 30"/></svg>';

export interface Step {
  fleet: Fleet;
  t: Tablet;
  tab: number;
  random: () => number;
  serial: number;
}

export function pick<T>(xs: readonly T[], random: () => number): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)];
}

export const live = async <T extends { deleted: boolean }>(rows: Promise<T[]>) =>
  (await rows).filter((r) => !r.deleted);

export async function openDutyId(db: HandoverDb): Promise<string | null> {
  return (await live(db.duty.toArray())).find((d) => d.endedAt === null)?.id ?? null;
}

/** The person at the tablet for this step: a desk person or the chief at a desk, a superior at the office. */
export function personFor(s: Step, roles: readonly Role[]): Person {
  const p = s.fleet.people;
  const at = s.t.kind === 'office' ? [p.chief, p.manager, p.admin] : [p.desk1, p.desk2, p.chief];
  return (
    pick(
      at.filter((x) => roles.includes(x.role)),
      s.random,
    ) ?? pick(at, s.random)!
  );
}

export type Action = (s: Step, db: HandoverDb) => Promise<unknown>;

export const ANY: Role[] = ['desk', 'chief', 'manager', 'admin'];
export const SUPERIOR: Role[] = ['chief', 'manager', 'admin'];
