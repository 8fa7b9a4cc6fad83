/**
 * The building blocks every synced entity shares: ids, UTC epoch-ms times (T1), HLC strings and the
 * row base `{id, siteId, updatedAt, deleted}`. Kept apart from `entities.ts` so entity files of
 * each job can import them without an import cycle through `ENTITY_SCHEMAS`.
 */
import { z } from 'zod';

export const Id = z.uuid();
export const EpochMs = z.number().int().nonnegative();
export const HlcString = z.string().regex(/^\d{15}-[0-9a-z]{4}-.+$/, 'not an HLC timestamp');

/** Every synced row carries these (docs/architecture.md "Data"). */
export const rowBase = {
  id: Id,
  siteId: Id,
  updatedAt: HlcString,
  deleted: z.boolean(),
};

/** Free text of at most `max` characters (may be empty; rules say when it is required). */
export const text = (max: number) => z.string().max(max);

/** Text a person must fill in: trimmed, 1 to `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** A lowercase hex SHA-256 digest. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 hex digest');
