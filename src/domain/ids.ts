import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7) for any synced row. Sorts roughly by creation time. */
export function newId(): string {
  return v7();
}
