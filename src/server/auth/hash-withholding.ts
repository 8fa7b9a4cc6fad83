/**
 * Issue 9 §3 (docs/security.md): admin and manager PIN hashes never reach a desk tablet, where a
 * stolen device would give them to an offline brute force. Their rows still travel, with salt and
 * cost (the tablet derives the proof key from a typed PIN) but without `pinHash.hash`: a desk
 * tablet checks those people's PIN online (POST /api/v1/auth/check). Chiefs' and desk staff's
 * hashes still go to desk tablets, for offline sign-in; office devices get every hash.
 */
import type { DeviceKind } from '../../domain/api';
import type { Role } from '../../domain/entities';

/** Roles whose verifier is withheld from desk tablets. */
export const WITHHELD_ROLES: readonly Role[] = ['admin', 'manager'];

/** Whether a staff row must lose its verifier before going to a device of `kind`. */
export function mustWithhold(kind: DeviceKind, row: Record<string, unknown>): boolean {
  return kind === 'desk' && WITHHELD_ROLES.includes(row['role'] as Role);
}

/** The staff row as a device of `kind` may receive it. */
export function staffRowFor(kind: DeviceKind, row: Record<string, unknown>): Record<string, unknown> {
  if (!mustWithhold(kind, row)) return row;
  const pinHash = row['pinHash'];
  if (typeof pinHash !== 'object' || pinHash === null) return row;
  const { hash: _withheld, ...rest } = pinHash as Record<string, unknown>;
  return { ...row, pinHash: rest };
}

/** The stored JSON text of a staff row as a device of `kind` may receive it (pull pages). */
export function staffJsonFor(kind: DeviceKind, json: string): string {
  if (kind !== 'desk') return json;
  const row = JSON.parse(json) as Record<string, unknown>;
  return mustWithhold(kind, row) ? JSON.stringify(staffRowFor(kind, row)) : json;
}
