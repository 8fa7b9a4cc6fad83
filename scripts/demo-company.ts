/**
 * Issue 10 §1 in the demo: a second building of the company, 九龍灣商業中心, created by the demo
 * admin (the settings of 海港中心, the admin its admin), with the manager and the section chief
 * assigned to both buildings. An office device enrolled with the demo's office code shows both
 * under Buildings and opens the second; its staff list and tablets start empty, as a new building's do.
 */
import { ServerClock } from '../src/server/sync/server-clock';
import { assignToBuilding, createBuilding } from '../src/server/site/company-service';
import { listStaff } from '../src/server/site/staff-service';
import type { Store } from '../src/server/store/store';

export const DEMO_SECOND_BUILDING = '九龍灣商業中心 Kowloon Bay Centre';

/** Creates the second building and assigns the manager and the chief; returns its id. */
export async function seedSecondBuilding(store: Store, siteId: string, nowMs: number): Promise<string> {
  const staff = await listStaff(store, siteId);
  const admin = staff.find((s) => s.role === 'admin' && s.active);
  if (!admin) throw new Error('the demo building has no admin');
  const clock = new ServerClock();
  const acting = { siteId, deviceId: 'demo-seed', staffId: admin.id };
  const b = await store.transaction(null, (tx) =>
    createBuilding(tx, clock, acting, { name: DEMO_SECOND_BUILDING, timeZone: 'Asia/Hong_Kong' }, nowMs),
  );
  for (const person of staff.filter((s) => (s.role === 'manager' || s.role === 'chief') && s.active)) {
    await store.transaction(null, (tx) => assignToBuilding(tx, clock, acting, person.id, b.siteId, nowMs));
  }
  return b.siteId;
}
