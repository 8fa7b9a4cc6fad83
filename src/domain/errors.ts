/**
 * Every error the API answers has one shape: `{error: {code, message, details}}` (STYLE.md #4).
 * The codes live here so server, client and tests name them the same way.
 */
export const HTTP_ERROR_STATUS = {
  bad_request: 400,
  invalid_enrolment_code: 400,
  /** PUT /photos/:sha256 whose body does not hash to the path (a truncated or altered upload). */
  photo_hash_mismatch: 400,
  unauthorized: 401,
  forbidden: 403,
  /** Issue 8: the person named (a claim until issue 9) is not of a role this request is for. */
  forbidden_role: 403,
  not_found: 404,
  /** Issue 9 §3: the request in a person's name lacks a valid proof of their PIN (docs/security.md). */
  actor_unproven: 403,
  /** Issue 9 §7: first-run setup without the one-time code the server printed on its console. */
  setup_code_invalid: 403,
  /** Issue 9 §3: a PIN too short for the person's role (4 digits for desk staff, 6 for others). */
  weak_pin: 400,
  /** Issue 9 §7: a JSON endpoint called without `Content-Type: application/json`. */
  unsupported_media_type: 415,
  /** Issue 9 §1: a pull cursor past the server's sequence (the server was restored): re-pull from 0. */
  cursor_ahead: 409,
  already_set_up: 409,
  /** Issue 10 §1: a building of the company already has this name. */
  building_name_taken: 409,
  /** Issue 10 §1: the person already works in that building. */
  already_assigned: 409,
  counter_gap: 409,
  schema_version: 409,
  conflict: 409,
  payload_too_large: 413,
  /** Issue 9 §3: too many wrong PINs for this person; `details.lockedUntil` says until when. */
  locked_out: 429,
  /** Issue 9 §7: too many requests of this kind from this address; `details.retryAfterMs`. */
  rate_limited: 429,
  internal: 500,
  /** Issue 9 §8: the database failed its integrity check; the server stops writing (docs/deploy). */
  store_unavailable: 503,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; details?: unknown };
}

/** Why the server refused a single sync op. The op still advances the device counter. */
export const OP_REJECT_CODES = [
  'validation_failed',
  'forbidden_role',
  'staff_unknown',
  'row_unknown',
  'row_exists',
  'reference_unknown',
  'kind_not_allowed',
  'immutable',
  'counter_reused',
  /** The row belongs to a signed handover (H3): insert-only, corrections are addenda. */
  'locked',
  /** Another tablet already signed the handover of this duty (never two open duties). */
  'handover_taken',
  /** A table rule refused it (row-rules.ts): wrong role for this kind of row, a swap step out of order. */
  'rule_violation',
  /** H3, S1: a duty begins only by an accepted handover or an opening, ends only by a handover or a closing; one open duty per building. */
  'duty_rule',
  /** H11, H4: the handover record ignores a blocker the signing tablet knew of (details list the blockers). */
  'gate_blocked',
  /** Issue 8: an office device may not open or end a duty, nor write a handover, its count or a signed handover record. */
  'office_device',
  /** O1: a review of a building day that is not over yet in the building's zone (server clock). */
  'day_not_over',
  /** O1: the day already has a signed review; a correction is an addendum (`correctsId`). */
  'already_reviewed',
  /** Issue 9 §3: the op's proof is missing or is not the named actor's (docs/security.md). */
  'actor_unproven',
  /** Issue 9 §3: staff and building settings change only online, through the admin API. */
  'online_only',
  /** Issue 9 §5: the row id is not available to this building (says nothing of any other). */
  'row_unavailable',
  /** Issue 9 §5: applying the op failed unexpectedly; it is refused alone and the queue moves on. */
  'internal_error',
] as const;
export type OpRejectCode = (typeof OP_REJECT_CODES)[number];

/** The HTTP status each refusal would have as a request of its own (PushResult.httpStatus). */
export const OP_REJECT_HTTP_STATUS: Record<OpRejectCode, number> = {
  validation_failed: 400,
  forbidden_role: 403,
  staff_unknown: 403,
  row_unknown: 404,
  row_exists: 409,
  reference_unknown: 409,
  kind_not_allowed: 405,
  immutable: 409,
  counter_reused: 409,
  locked: 409,
  handover_taken: 409,
  rule_violation: 403,
  duty_rule: 409,
  gate_blocked: 409,
  office_device: 403,
  day_not_over: 409,
  already_reviewed: 409,
  actor_unproven: 403,
  online_only: 403,
  row_unavailable: 409,
  internal_error: 500,
};
