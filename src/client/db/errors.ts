/**
 * Named errors of the tablet's data layer (STYLE.md #5). Expected failures (a missing field, a
 * wrong PIN) are returned as values; these are thrown because the caller cannot go on.
 */

/** No device has been enrolled in this browser yet, so nothing can be written or synced. */
export class NotEnrolledError extends Error {
  readonly code = 'not_enrolled';
  constructor() {
    super('this tablet is not enrolled in a building');
    this.name = 'NotEnrolledError';
  }
}

/**
 * The browser refused to store more data. The write that hit it is not saved, but the Dexie
 * transaction was rolled back as a whole, so every earlier write is intact (docs/architecture.md "Storage").
 */
export class QuotaError extends Error {
  readonly code = 'quota';
  constructor(cause: unknown) {
    super('the tablet is out of storage space', { cause });
    this.name = 'QuotaError';
  }
}

/** Dexie wraps the DOMException (sometimes twice, as `inner`), so walk the chain. */
export function isQuotaExceeded(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const { name, inner } = cur as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    cur = inner;
  }
  return false;
}

/** Re-throws a quota failure as QuotaError, anything else unchanged. */
export function rethrowStorageError(e: unknown): never {
  if (e instanceof QuotaError) throw e;
  if (isQuotaExceeded(e)) throw new QuotaError(e);
  throw e;
}

/** A write named a row this tablet does not hold (or holds only as a tombstone). */
export class RowNotFoundError extends Error {
  readonly code = 'row_not_found';
  constructor(
    readonly table: string,
    readonly rowId: string,
  ) {
    super(`${table} ${rowId} not found`);
    this.name = 'RowNotFoundError';
  }
}

/**
 * A write to a row a signed handover has locked (H3): the handover itself, its count lines, the
 * outgoing duty and the content of that duty's log entries. Only an amendment (with a status or
 * result change) may still be added to such an entry; corrections of the record are addenda.
 * The server refuses the same writes with the op code `locked` (409).
 */
export class LockedError extends Error {
  readonly code = 'locked';
  constructor(
    readonly table: string,
    readonly rowId: string,
  ) {
    super(`${table} ${rowId} is locked by a signed handover`);
    this.name = 'LockedError';
  }
}

/**
 * A write carried a text longer than its schema allows (issue 7: nothing the server would refuse
 * is shown as saved). Forms check their fields first and say so beside the field; this is the
 * last guard of the one write path, so no screen can queue an op the server will refuse.
 */
export class TooLongError extends Error {
  readonly code = 'too_long';
  constructor(
    readonly table: string,
    readonly field: string,
    readonly max: number,
    readonly length: number,
  ) {
    super(`${table}.${field} has ${length} characters; at most ${max} are allowed`);
    this.name = 'TooLongError';
  }
}

/**
 * A handover write by someone it is not for (H7, H8, H9): a count tap, a read receipt or the
 * restatement before the incoming person has joined, or by anyone but the person taking over once
 * they have. The screens route each action to its person, so this is a bug, not a user error; the
 * server refuses the same writes (`rule_violation`).
 */
export class HandoverActorError extends Error {
  readonly code = 'handover_actor';
  constructor(
    readonly handoverId: string,
    readonly action: string,
  ) {
    super(`${action} of handover ${handoverId} is not this person's to do`);
    this.name = 'HandoverActorError';
  }
}
