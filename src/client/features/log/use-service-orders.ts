import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ServiceOrderStatus } from '../../../domain/review-entities';
import {
  issueServiceOrder,
  moveServiceOrder,
  ordersOfEntry,
  type OrderErrors,
} from '../../db/repos/service-order-repo';
import { makeWriteContext } from '../../db/repos/write-context';
import { useDb } from '../../ui/db-context';

const BLANK = { number: '', service: '', amount: '' };

/**
 * F1: the paid-service orders of an entry, a form to issue one and the steps to move each
 * (issued → done → paid, or cancelled). The rules are the repository's (service-order-rules.ts),
 * checked again by the server.
 */
export function useServiceOrders(entryId: string, staffId: string) {
  const db = useDb();
  const orders = useLiveQuery(() => ordersOfEntry(db, entryId), [db, entryId]);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState(BLANK);
  const [errors, setErrors] = useState<OrderErrors>({});
  const [stepError, setStepError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await fn();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const issue = () =>
    run(async () => {
      const ctx = await makeWriteContext(db, staffId);
      const res = await issueServiceOrder(db, ctx, { entryId, ...draft });
      if (!res.ok) {
        setErrors(res.errors);
        return;
      }
      setErrors({});
      setDraft(BLANK);
      setAdding(false);
    });

  const move = (orderId: string, status: ServiceOrderStatus) =>
    run(async () => {
      const ctx = await makeWriteContext(db, staffId);
      const res = await moveServiceOrder(db, ctx, { orderId, status });
      setStepError(res.ok ? null : orderId);
    });

  return {
    orders,
    adding,
    draft,
    errors,
    stepError,
    busy,
    failure,
    startAdding: () => setAdding(true),
    cancelAdding: () => {
      setAdding(false);
      setDraft(BLANK);
      setErrors({});
    },
    change: (field: keyof typeof BLANK, value: string) => {
      setDraft((d) => ({ ...d, [field]: value }));
      setErrors((e) => {
        const rest = { ...e };
        delete rest[field];
        return rest;
      });
    },
    issue,
    move,
  };
}
