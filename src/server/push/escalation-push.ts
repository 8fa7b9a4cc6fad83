/**
 * D3: Web Push of new escalations, when the server is configured with VAPID keys (README
 * "Configuration"). After a push commits an escalation, its recipients of the building (to the
 * chief: active chiefs and managers; to the manager: active managers; never the sender) get an
 * encrypted push (aes128gcm, RFC 8291, VAPID RFC 8292) on every browser they subscribed. The payload
 * says only "new escalation" and its id: no personal data leaves for the push service.
 * Delivery runs after the sync answer, never inside it: a failure is logged and never blocks or
 * fails the push of ops. A subscription the push service says is gone (404, 410) is deleted.
 */
import webpush from 'web-push';
import { recipientRoles } from '../../domain/escalation-rules';
import type { Role } from '../../domain/entities';
import type { EscalationLevel } from '../../domain/review-entities';
import type { Op, PushResponse } from '../../domain/sync-protocol';
import type { Logger } from '../logger';
import type { PushSubscriptionRecord } from '../store/push-subscriptions';
import type { Store, StoreTx } from '../store/store';

/** The server's VAPID identity: keys from `web-push generate-vapid-keys`, subject a mailto: or https: URL. */
export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** What the service worker receives (sw.ts): a type and the escalation's id, nothing else. */
export interface EscalationPushPayload {
  type: 'escalation';
  id: string;
}

/** A push service that has not answered by then is given up on for this escalation. */
const SEND_TIMEOUT_MS = 10_000;

/** How long a push service keeps an undelivered message (a tablet switched off overnight). */
const TTL_SECONDS = 24 * 60 * 60;

export interface EscalationPush {
  /** Called with a push's ops and its answer: sends Web Push for each escalation it applied. */
  afterPush(siteId: string, ops: readonly Op[], res: PushResponse): void;
  /** Resolves when every delivery started so far has settled (tests, shutdown). */
  idle(): Promise<void>;
}

export function createEscalationPush(deps: {
  store: Store;
  vapid: VapidConfig;
  logger: Logger;
  now: () => number;
}): EscalationPush {
  const pending = new Set<Promise<void>>();
  const options = {
    vapidDetails: deps.vapid,
    TTL: TTL_SECONDS,
    contentEncoding: 'aes128gcm' as const,
    urgency: 'high' as const,
  };

  /**
   * web-push encrypts the payload and signs the VAPID header (generateRequestDetails); the request
   * itself goes out with fetch, with a time limit, so a slow push service holds nothing up.
   */
  const send = async (sub: PushSubscriptionRecord, body: string): Promise<number> => {
    const details = webpush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      body,
      options,
    );
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(details.headers)) headers[k] = String(v);
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: new Uint8Array(details.body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  };

  const deliver = async (siteId: string, escalationId: string): Promise<void> => {
    const stored = await deps.store.getRow(siteId, 'escalation', escalationId);
    if (!stored || stored.deleted) return;
    const level: EscalationLevel = stored.row.level;
    const roles: readonly Role[] = recipientRoles(level);
    const recipients = (await deps.store.listRows(siteId, 'staff'))
      .filter((s) => !s.deleted && s.row.active && roles.includes(s.row.role) && s.id !== stored.row.sentBy)
      .map((s) => s.id);
    const payload: EscalationPushPayload = { type: 'escalation', id: escalationId };
    const body = JSON.stringify(payload);
    // Each delivery's bookkeeping is a short transaction of its own, never held across a send.
    const note = (fn: (tx: StoreTx) => Promise<unknown>) => deps.store.transaction(siteId, fn);
    for (const sub of await deps.store.listPushSubscriptions(siteId, recipients)) {
      let status: number | null = null;
      try {
        status = await send(sub, body);
      } catch (err) {
        deps.logger.warn('web push failed', { siteId, message: err instanceof Error ? err.message : String(err) });
      }
      if (status !== null && status >= 200 && status < 300) {
        await note((tx) => tx.notePushDelivery(sub.endpoint, true, deps.now()));
      } else if (status === 404 || status === 410) {
        // The browser unsubscribed or the subscription expired: it will never deliver again.
        await note((tx) => tx.deletePushSubscription(siteId, sub.endpoint));
        deps.logger.info('push subscription gone; deleted', { siteId, status });
      } else {
        await note((tx) => tx.notePushDelivery(sub.endpoint, false, deps.now()));
        if (status !== null) deps.logger.warn('web push refused', { siteId, status });
      }
    }
  };

  const track = (p: Promise<void>) => {
    const settled = p.catch((err: unknown) => {
      deps.logger.warn('web push failed', { message: err instanceof Error ? err.message : String(err) });
    });
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  };

  return {
    afterPush(siteId, ops, res) {
      const applied = new Set(res.results.filter((r) => r.status === 'applied').map((r) => r.counter));
      for (const op of ops) {
        if (op.table === 'escalation' && op.kind === 'put' && applied.has(op.counter)) {
          // After the answer: the sync's transaction is committed and its response already built.
          track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => deliver(siteId, op.rowId)));
        }
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
