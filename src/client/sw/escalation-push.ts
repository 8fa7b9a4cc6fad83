/// <reference lib="webworker" />
/**
 * D3 in the service worker: a Web Push from the server (it says only "new escalation" and its id)
 * becomes a system notification, tagged `escalation:<id>` like the page's own, so one escalation is
 * one notification; a click opens `/escalations/<id>` in the app's window (or a new one).
 */
import { escalationEn, escalationZhHans, escalationZhHant } from '../i18n/parts/escalation';

type Texts = typeof escalationEn;

/** The notification's language from the browser's (the worker cannot read the app's choice). */
function texts(languages: readonly string[]): Texts {
  for (const raw of languages) {
    const tag = raw.toLowerCase();
    if (!tag.startsWith('zh')) {
      if (tag.startsWith('en')) return escalationEn;
      continue;
    }
    return /hans|-cn|-sg/.test(tag) ? escalationZhHans : escalationZhHant;
  }
  return escalationEn;
}

/** The escalation id of a push payload `{type: 'escalation', id}`, or null for anything else. */
export function escalationIdOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, id } = data as { type?: unknown; id?: unknown };
  return type === 'escalation' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** The `push` event: show the escalation's notification. */
export function onEscalationPush(sw: ServiceWorkerGlobalScope, event: PushEvent): void {
  let data: unknown = null;
  try {
    data = event.data?.json() ?? null;
  } catch {
    return;
  }
  const id = escalationIdOf(data);
  if (id === null) return;
  const t = texts(sw.navigator.languages);
  event.waitUntil(
    sw.registration.showNotification(t['escalation.notify.title'], {
      body: t['escalation.notify.body'],
      tag: `escalation:${id}`,
      data: { url: `/escalations/${id}` },
    }),
  );
}

/** The `notificationclick` event: open the escalation in the app's window, or a new one. */
export function onEscalationClick(sw: ServiceWorkerGlobalScope, event: NotificationEvent): void {
  const url = (event.notification.data as { url?: unknown } | null)?.url;
  if (typeof url !== 'string' || !url.startsWith('/escalations/')) return;
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) {
        await open.navigate(url).catch(() => null);
        await open.focus();
        return;
      }
      await sw.clients.openWindow(url);
    })(),
  );
}
