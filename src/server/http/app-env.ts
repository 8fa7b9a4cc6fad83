/** The Hono environment shared by the app and its routes. */
import type { ProvenActor } from '../auth/actor-auth';
import type { PinHasher } from '../auth/pin-service';
import type { Logger } from '../logger';
import type { EscalationPush, VapidConfig } from '../push/escalation-push';
import type { RateLimits } from './rate-limit';
import type { DeviceRecord, Store } from '../store/store';
import type { CaInfo } from '../tls/ca-page';
import type { ServerClock } from '../sync/server-clock';
import type { TrustedProxies } from './trusted-proxy';

/** What createApp needs; everything the app touches outside itself comes in here (clock too, T1). */
export interface AppDeps {
  store: Store;
  /** The server's standard time in epoch ms (T1). */
  now: () => number;
  logger: Logger;
  version: string;
  /** The built PWA (`dist/`); when absent only the API is served. */
  distDir?: string;
  bodyLimitBytes: number;
  /** D3: the VAPID keys for Web Push of escalations; without them only the in-app path runs. */
  vapid?: VapidConfig | undefined;
  /**
   * Issue 9 §7: the one-time setup code printed on the console at start (main.ts). Without it no
   * setup is possible (a server that already has a building makes none).
   */
  setupCode?: string | undefined;
  /** Issue 9 §3: how a new PIN is hashed (v2, 600k iterations by default; tests cache theirs). */
  pinHasher?: PinHasher | undefined;
  /** Issue 9 §4: the TLS set-up, for the CA page (/ca, /ca.crt); without it those paths are 404. */
  tls?: CaInfo | undefined;
  /** Issue 9 §7: requests per minute per address; any left out keeps DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits> | undefined;
  /** Issue 10 §8: reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy?: TrustedProxies | undefined;
}

/** The deps plus what the app builds from them once. */
export interface AppServices extends AppDeps {
  clock: ServerClock;
  /** D3: Web Push of new escalations, when `vapid` is configured. */
  escalationPush: EscalationPush | null;
  pinHasher: PinHasher;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    /** Set by the bearer-auth middleware. */
    device: DeviceRecord;
    /** Issue 9 §3: set by the actor-auth middleware: the person whose PIN proof the request carried. */
    actor: ProvenActor;
    /** The client's address (trusted-proxy.ts): the socket's, or the one a trusted proxy forwarded. */
    clientAddress: string;
  };
}
