/**
 * Sync protocol v1 (docs/architecture.md "Sync protocol"): the outbox op, push and pull bodies, and which
 * op kinds and roles may write each table. Shared by the tablet's engine and the server.
 */
import { z } from 'zod';
import { EpochMs, HlcString, Id, type Role, type SyncTable } from './entities';
import { isOpHlc } from './hlc';
import { boundsIssue, isFieldName, OP_BOUNDS } from './op-bounds';

/** Bumped when the op or row shapes change incompatibly; the server refuses older clients. */
export const SCHEMA_VERSION = 1;
/** The most ops one push may carry, and the most changes one pull page returns. */
export const MAX_PUSH_OPS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
/** T1: a tablet whose clock is off by more than this shows a warning; the server clamps HLCs. */
export const CLOCK_SKEW_WARN_MS = 2 * 60_000;

/**
 * Issue 9 §1: the server database's generation id, new at creation and at every restore. A tablet
 * that meets a generation other than the one it last synced with re-pulls from zero and resends
 * every op the server no longer has (docs/architecture.md "Restores"). Every API response carries
 * it in this header; push, pull and health carry it in the body too.
 */
export const GENERATION_HEADER = 'x-handover-generation';
export const Generation = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** Acknowledged ops stay on the tablet this long, to be resent to a server restored from a backup. */
export const ACKED_OP_RETENTION_DAYS = 30;

export const OP_KINDS = ['put', 'patch', 'append', 'delete'] as const;
export const OpKind = z.enum(OP_KINDS);
export type OpKind = z.infer<typeof OpKind>;

/** Tables a tablet may write, the op kinds allowed on each, and the roles allowed to. */
export const WRITE_POLICY = {
  site: { kinds: ['patch'], roles: ['admin'] },
  staff: { kinds: ['put', 'patch'], roles: ['admin'] },
  duty: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  logEntry: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  logAmendment: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** The register is kept by the chief or admin; desk staff may add custody items only (H8, row-rules.ts). */
  item: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  itemMovement: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** Instructions are given and withdrawn by superiors only (H7, row-rules.ts). */
  task: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  taskNote: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  acknowledgement: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** S1: the section chief arranges the rota. */
  rotaShift: { kinds: ['put', 'patch', 'delete'], roles: ['chief', 'admin'] },
  /** S1: who may move a request to which status is checked in swap-rules.ts. */
  swapRequest: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  handover: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  countLine: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** Insert-only: a signed record is never patched (docs/architecture.md "Conflicts"). */
  handoverRecord: { kinds: ['put'], roles: ['desk', 'chief', 'manager', 'admin'] },
  photo: { kinds: ['append'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /**
   * Whoever deals with a refused change marks it dismissed for every tablet of the building (issue
   * 7 §8). The server takes only `dismissedAt` and `dismissedBy` on it (SYNC_ERROR_PATCH_FIELDS).
   */
  syncError: { kinds: ['patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** D2, D3: anyone sends to the chief; who acknowledges, decides or forwards: escalation-rules.ts. */
  escalation: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** O1: the section chief signs the day (insert-only, chained like a signed handover). */
  dayReview: { kinds: ['put'], roles: ['chief'] },
  /** O1: spot checks of the desk, by the section chief. */
  spotCheck: { kinds: ['append'], roles: ['chief'] },
  /** O1: the section chief chooses the value kept after a sync conflict. */
  conflictResolution: { kinds: ['append'], roles: ['chief'] },
  /** O2: the person on duty submits the day's report (insert-only). */
  dailyReport: { kinds: ['put'], roles: ['desk', 'chief', 'manager', 'admin'] },
  /** F1: paid-service orders, issued at the desk and moved on to done, paid or cancelled. */
  serviceOrder: { kinds: ['put', 'patch'], roles: ['desk', 'chief', 'manager', 'admin'] },
} as const satisfies Partial<Record<SyncTable, { kinds: readonly OpKind[]; roles: readonly Role[] }>>;

export type WritableTable = keyof typeof WRITE_POLICY;
export const WRITABLE_TABLES = Object.keys(WRITE_POLICY) as [WritableTable, ...WritableTable[]];

/**
 * The rows a row points at, which must exist (not deleted) in the same building when it is written:
 * an entry belongs to a duty and a person, an amendment to an entry (D5: no orphaned records).
 * A null reference (an optional link) is not checked.
 */
export const ROW_REFERENCES = {
  duty: { staffId: 'staff', handoverId: 'handoverRecord' },
  logEntry: { dutyId: 'duty', staffId: 'staff' },
  logAmendment: { entryId: 'logEntry', staffId: 'staff' },
  itemMovement: { itemId: 'item', staffId: 'staff', closesId: 'itemMovement' },
  task: { createdBy: 'staff' },
  taskNote: { taskId: 'task', staffId: 'staff' },
  acknowledgement: { taskId: 'task', staffId: 'staff' },
  rotaShift: { staffId: 'staff' },
  swapRequest: { rotaShiftId: 'rotaShift', requesterId: 'staff', substituteId: 'staff', otherShiftId: 'rotaShift' },
  handover: {
    outgoingDutyId: 'duty',
    outgoingStaffId: 'staff',
    incomingStaffId: 'staff',
    substituteStaffId: 'staff',
    fitnessAttestedBy: 'staff',
  },
  countLine: { handoverId: 'handover', itemId: 'item', staffId: 'staff', explainedBy: 'staff' },
  handoverRecord: {
    handoverId: 'handover',
    outgoingDutyId: 'duty',
    incomingStaffId: 'staff',
    correctsId: 'handoverRecord',
  },
  photo: { staffId: 'staff' },
  escalation: {
    entryId: 'logEntry',
    forwardedFromId: 'escalation',
    sentBy: 'staff',
    acknowledgedBy: 'staff',
    decidedBy: 'staff',
  },
  dayReview: { correctsId: 'dayReview', reviewerId: 'staff' },
  spotCheck: { staffId: 'staff', dutyId: 'duty' },
  conflictResolution: { conflictId: 'conflict', staffId: 'staff' },
  dailyReport: { staffId: 'staff' },
  serviceOrder: { entryId: 'logEntry', staffId: 'staff' },
} as const satisfies Partial<Record<WritableTable, Record<string, SyncTable>>>;

/** The only fields a tablet may set on a `syncError` row: who dealt with the refusal, and when. */
export const SYNC_ERROR_PATCH_FIELDS = ['dismissedAt', 'dismissedBy'] as const;

/**
 * Issue 9 §7: a refused op's `fields` are kept on its syncError row (synced to every tablet) only
 * for keys its table knows, and at most this many bytes of JSON. A field left out is named in the
 * list under SYNC_ERROR_CUT_KEY, a key no field name can be (FIELD_NAME_PATTERN).
 */
export const REFUSED_FIELDS_MAX_BYTES = 4096;
export const SYNC_ERROR_CUT_KEY = '(cut)';

/** Fields a patch may never touch: identity and the sync bookkeeping. */
export const IMMUTABLE_FIELDS = ['id', 'siteId', 'updatedAt', 'deleted'] as const;

/** Issue 9 §5: a field name an op may use (op-bounds.ts): never `__proto__`, `constructor`... */
export const FieldName = z.string().refine(isFieldName, 'not a field name');

/** Issue 9 §5: an op's HLC within sane bounds (hlc.ts isOpHlc), so no clock it meets can overflow. */
export const OpHlc = HlcString.max(100).refine(isOpHlc, 'HLC out of bounds');

/**
 * The keys of a field map as sent, checked before zod reads them: zod's record drops a `__proto__`
 * key without a word, and a patch of `__proto__` must be refused, not applied as an empty patch.
 */
function checkFieldKeys(value: unknown, ctx: z.RefinementCtx): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const keys = Object.keys(value);
  if (keys.length > OP_BOUNDS.maxFieldKeys) {
    ctx.addIssue({
      code: 'custom',
      message: 'too_many_keys',
      params: { code: 'too_many_keys', limit: OP_BOUNDS.maxFieldKeys },
    });
    return;
  }
  for (const key of keys.filter((k) => !isFieldName(k)).slice(0, 10)) {
    const path = [key.slice(0, OP_BOUNDS.maxKeyChars)];
    ctx.addIssue({ code: 'custom', message: 'not a field name', params: { code: 'invalid_key' }, path });
  }
}

/**
 * `fields` within OP_BOUNDS (op-bounds.ts): its keys field names, its values bounded in depth,
 * length and count. The bounds are checked on the value as sent, iteratively, before zod reads it.
 */
const OpFields = z
  .unknown()
  .superRefine((fields, ctx) => {
    checkFieldKeys(fields, ctx);
    const issue = boundsIssue(fields);
    if (issue) {
      const path = issue.path === '' ? [] : issue.path.split('.');
      ctx.addIssue({ code: 'custom', message: issue.code, params: issue, path });
    }
  })
  .pipe(z.record(FieldName, z.unknown()));

/** `baseVersion`: per-field versions under field names, as many as `fields` may have. */
const OpBaseVersion = z.unknown().superRefine(checkFieldKeys).pipe(z.record(FieldName, z.number().int().nonnegative()));

/**
 * One queued change. For put/append `fields` is the whole row without `updatedAt`/`deleted`
 * (the server stamps them); for patch only the changed fields, with `baseVersion` holding the
 * per-field version the tablet last saw; for delete it is empty. Issue 9 §5: every part is bounded
 * (op-bounds.ts), and the server checks each op of a push on its own (`OpEnvelope`).
 */
export const Op = z.object({
  deviceId: Id,
  counter: z.number().int().positive(),
  table: z.enum(WRITABLE_TABLES),
  rowId: Id,
  kind: OpKind,
  fields: OpFields,
  baseVersion: OpBaseVersion,
  hlc: OpHlc,
  deviceTime: EpochMs.max(Number.MAX_SAFE_INTEGER),
  actorStaffId: Id,
  /**
   * Issue 9 §3: HMAC of the op under the actor's proof key (actor-proof.ts). Optional in the
   * schema so an op without one is refused on its own (`actor_unproven`), not the whole push.
   */
  proof: z.string().max(64).optional(),
});
export type Op = z.infer<typeof Op>;

/** The ops of one push come from the pushing device, with consecutive counters. */
function orderedOps(
  req: { deviceId: string; ops: readonly { deviceId: string; counter: number }[] },
  ctx: z.RefinementCtx,
): void {
  req.ops.forEach((op, i) => {
    if (op.deviceId !== req.deviceId) {
      ctx.addIssue({ code: 'custom', path: ['ops', i, 'deviceId'], message: 'op from another device' });
    }
    const prev = req.ops[i - 1];
    if (prev && op.counter !== prev.counter + 1) {
      ctx.addIssue({ code: 'custom', path: ['ops', i, 'counter'], message: 'counters must be consecutive' });
    }
  });
}

export const PushRequest = z
  .object({
    deviceId: Id,
    schemaVersion: z.number().int().positive(),
    ops: z.array(Op).min(1).max(MAX_PUSH_OPS),
    /**
     * T1: the tablet's own clock when it sent this push. With the server's receipt time it gives the
     * correction known at this sync, against which each op's stamped times are checked (ReviewFlag).
     * Older tablets send none: their ops are then checked against the receipt time only.
     */
    deviceNow: EpochMs.optional(),
  })
  .superRefine(orderedOps);
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * Issue 9 §5: what the server reads of an op before anything else: its device and counter, which
 * order the push. The rest is checked op by op against `Op` (push-service.ts), so a malformed op
 * is refused alone (`validation_failed`, with a syncError row) and the counter still advances.
 */
export const OpEnvelope = z.looseObject({
  deviceId: Id,
  counter: z
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER - 1),
});
export type OpEnvelope = z.infer<typeof OpEnvelope>;

/** The push body as the server reads it: a whole-push 400 only when it is not a push at all. */
export const PushEnvelope = z
  .object({
    deviceId: Id,
    schemaVersion: z.number().int().positive(),
    ops: z.array(OpEnvelope).min(1).max(MAX_PUSH_OPS),
    deviceNow: EpochMs.optional(),
  })
  .superRefine(orderedOps);
export type PushEnvelope = z.infer<typeof PushEnvelope>;

export const OP_STATUSES = ['applied', 'duplicate', 'rejected', 'conflict'] as const;
export const PushResult = z.object({
  counter: z.number().int().positive(),
  status: z.enum(OP_STATUSES),
  code: z.string().optional(),
  message: z.string().optional(),
  /**
   * For a refused op: the HTTP status the same change would get as a request of its own
   * (OP_REJECT_HTTP_STATUS), e.g. 409 for a change to a locked record. The push itself is 200.
   */
  httpStatus: z.number().int().optional(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  ackedThrough: z.number().int().nonnegative(),
  results: z.array(PushResult),
  serverTime: EpochMs,
  /** Issue 9 §1: the database's generation (also in the GENERATION_HEADER of every response). */
  generation: Generation.optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** One row as the server now holds it, with its per-field versions and building sequence. */
export const Change = z.object({
  seq: z.number().int().positive(),
  table: z.string(),
  id: z.string(),
  row: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.number().int().nonnegative()),
  /** T1: when the server first received the row (its receipt time, server clock). */
  receivedAt: EpochMs.optional(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  serverTime: EpochMs,
  /** Issue 9 §1: the database's generation. */
  generation: Generation.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;
