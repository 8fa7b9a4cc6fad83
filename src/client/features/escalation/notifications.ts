/**
 * D3: system notifications of escalations on this device, where the browser permits. Permission is
 * asked only from a tap ("Notify me on this device"), never on load. Notifications are shown by
 * the service worker's registration, so a click opens the escalation even from another tab, and
 * carry the tag `escalation:<id>`: the page's own notification and a Web Push one for the same
 * escalation are one notification. Web Push is used when the server has VAPID keys; without them
 * (or without internet) the page's path still works whenever the app is open.
 */
import { z } from 'zod';
import { getDevice } from '../../db/repos/device-repo';
import type { HandoverDb } from '../../db/schema';
import type { TFunction } from '../../i18n/use-t';
import { requestJsonAs } from '../../sync/actor-request';
import { personBase } from '../../sync/person-request';

/** What this browser allows: no Notification API, not asked yet, allowed, or blocked. */
export type NotifyState = 'unsupported' | NotificationPermission;

/** The notification permission of this browser, or `unsupported`. */
export function notifyState(): NotifyState {
  if (typeof Notification === 'undefined' || typeof navigator === 'undefined' || !navigator.serviceWorker) {
    return 'unsupported';
  }
  return Notification.permission;
}

/** Asks the person for permission; call from a tap only (browsers refuse otherwise). */
export async function askPermission(): Promise<NotifyState> {
  if (notifyState() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** The path a notification's click opens (the service worker reads `data.url`). */
export const escalationPath = (id: string) => `/escalations/${id}`;

/**
 * Shows the system notification of escalation `id` through the service worker's registration, when
 * permission was granted. The text says only that a matter was sent up (no personal data on a lock
 * screen). Never throws: a notification is a courtesy on top of the live queue.
 */
export async function showEscalationNotification(t: TFunction, id: string): Promise<void> {
  if (notifyState() !== 'granted') return;
  try {
    const registration = await navigator.serviceWorker.ready;
    await registration.showNotification(t('escalation.notify.title'), {
      body: t('escalation.notify.body'),
      tag: `escalation:${id}`,
      data: { url: escalationPath(id) },
    });
  } catch {
    // A browser that refuses (no worker yet, a policy): the in-app queue still shows it.
  }
}

const VapidKey = z.object({ publicKey: z.string().min(1) });

/** The VAPID key as the Push API takes it (URL-safe base64 to bytes). */
function keyBytes(base64Url: string): Uint8Array<ArrayBuffer> {
  const padded = base64Url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64Url.length % 4)) % 4);
  const raw = atob(padded);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Subscribes this browser to Web Push for `staffId` when the server is configured with VAPID keys
 * (GET /push/vapid-public-key answers 204 otherwise) and the browser has a push service. Returns
 * whether a subscription was registered; false (never a throw) when push is not available, since
 * the page's notifications and the live queue work without it.
 */
export async function subscribeToPush(db: HandoverDb, staffId: string): Promise<boolean> {
  try {
    const device = await getDevice(db);
    if (!device) return false;
    const registration = await navigator.serviceWorker.ready;
    if (!('pushManager' in registration)) return false;
    const res = await fetch('/api/v1/push/vapid-public-key', { headers: { Authorization: `Bearer ${device.token}` } });
    if (res.status !== 200) return false;
    const { publicKey } = VapidKey.parse(await res.json());
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    });
    const json = subscription.toJSON();
    // Issue 9 §3: subscribed in the person's name, proven by their key (the body names them too).
    await requestJsonAs({
      ...(await personBase(db, staffId)),
      method: 'POST',
      path: '/api/v1/push/subscriptions',
      body: { endpoint: json.endpoint, keys: json.keys, staffId },
    });
    return true;
  } catch {
    return false;
  }
}
