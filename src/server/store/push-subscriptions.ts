/**
 * D2, D3: the Web Push subscriptions of browsers where a person asked to be notified of escalations
 * (table `push_subscriptions`, migration 0004). Used only when the server has VAPID keys. One row
 * per push endpoint: a browser re-subscribing (another person signed in) takes the row over.
 */
import type Database from 'better-sqlite3';
import type { Synchronous } from './store';
import { toPushSubscription, type PushSubscriptionRow } from './store-rows';

export interface PushSubscriptionRecord {
  endpoint: string;
  siteId: string;
  deviceId: string;
  staffId: string;
  /** The browser's P-256 public key and auth secret (URL-safe base64), for the aes128gcm encryption. */
  p256dh: string;
  auth: string;
  createdAt: number;
}

/** The store's reads of push subscriptions (StoreReads extends it). */
export interface PushSubscriptionReads {
  /** The subscriptions of the building held by any of `staffIds`. */
  listPushSubscriptions(siteId: string, staffIds: readonly string[]): Promise<PushSubscriptionRecord[]>;
}

/** The store's writes of push subscriptions (StoreWrites extends it). */
export interface PushSubscriptionWrites {
  /** Insert or take over the subscription of `endpoint`. */
  savePushSubscription(s: PushSubscriptionRecord): Promise<void>;
  /** Remove a subscription of the building; false when it held none with this endpoint. */
  deletePushSubscription(siteId: string, endpoint: string): Promise<boolean>;
  /** Record a delivery: ok resets the failure count, a failure adds one. */
  notePushDelivery(endpoint: string, ok: boolean, nowMs: number): Promise<void>;
}

/** The SQLite implementation over the store's connection. */
export function sqlitePushSubscriptions(
  db: Database.Database,
): Synchronous<PushSubscriptionReads & PushSubscriptionWrites> {
  const upsert = db.prepare(
    `INSERT INTO push_subscriptions (endpoint, site_id, device_id, staff_id, p256dh, auth, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (endpoint) DO UPDATE SET site_id = excluded.site_id, device_id = excluded.device_id,
       staff_id = excluded.staff_id, p256dh = excluded.p256dh, auth = excluded.auth,
       created_at = excluded.created_at, failures = 0`,
  );
  const remove = db.prepare('DELETE FROM push_subscriptions WHERE site_id = ? AND endpoint = ?');
  const bySite = db.prepare<[string], PushSubscriptionRow>(
    'SELECT endpoint, site_id, device_id, staff_id, p256dh, auth, created_at FROM push_subscriptions WHERE site_id = ?',
  );
  const ok = db.prepare('UPDATE push_subscriptions SET last_ok_at = ?, failures = 0 WHERE endpoint = ?');
  const failed = db.prepare('UPDATE push_subscriptions SET failures = failures + 1 WHERE endpoint = ?');
  return {
    savePushSubscription: (s) => {
      upsert.run(s.endpoint, s.siteId, s.deviceId, s.staffId, s.p256dh, s.auth, s.createdAt);
    },
    deletePushSubscription: (siteId, endpoint) => remove.run(siteId, endpoint).changes > 0,
    listPushSubscriptions: (siteId, staffIds) => {
      const wanted = new Set(staffIds);
      return bySite
        .all(siteId)
        .filter((r) => wanted.has(r.staff_id))
        .map(toPushSubscription);
    },
    notePushDelivery: (endpoint, delivered, nowMs) => {
      if (delivered) ok.run(nowMs, endpoint);
      else failed.run(endpoint);
    },
  };
}
