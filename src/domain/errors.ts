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
  /** A read for chiefs and managers asked by someone else (O3: per-person figures). */
  forbidden_role: 403,
  not_found: 404,
  already_set_up: 409,
  counter_gap: 409,
  schema_version: 409,
  conflict: 409,
  payload_too_large: 413,
  internal: 500,
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
  /** O1, O2: a review or daily report of a building day that is not over yet (server clock, building zone). */
  'day_not_over',
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
  day_not_over: 409,
};
