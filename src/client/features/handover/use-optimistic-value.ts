import { useState } from 'react';

/**
 * A control showing a saved value (the handover row, read live) that answers a tap at once: the
 * tapped value shows until the saved one catches up, and is dropped if the save fails or someone
 * else (the other tablet) changed the value meanwhile. Without it a checkbox would flick back for
 * the moment the write and the live query take.
 */
export function useOptimisticValue<T>(saved: T): [T, (next: T, save: () => Promise<boolean>) => void] {
  const [pending, setPending] = useState<{ value: T; base: T } | null>(null);
  if (pending !== null && (Object.is(pending.value, saved) || !Object.is(pending.base, saved))) setPending(null);
  const set = (next: T, save: () => Promise<boolean>) => {
    setPending({ value: next, base: saved });
    void save().then((ok) => {
      if (!ok) setPending(null);
    });
  };
  return [pending ? pending.value : saved, set];
}
