/**
 * F1: the paid-service orders (有償服務單) of an owner's or tenant's matter, on its detail: each
 * with its number, service, amount and status, the next steps it may take, and a form to issue one.
 */
import type { LogEntry } from '../../../domain/entities';
import type { ServiceOrderStatus } from '../../../domain/review-entities';
import { isPartyKind } from '../../../domain/log-entry';
import { SERVICE_ORDER_STEPS, formatMoney } from '../../../domain/service-order-rules';
import type { OrderErrors } from '../../db/repos/service-order-repo';
import { ORDER_LIMITS } from '../../db/repos/service-order-repo';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { Field } from '../../ui/field';
import { useServiceOrders } from './use-service-orders';

const ERROR_KEYS: Record<NonNullable<OrderErrors[keyof OrderErrors]>, MessageKey> = {
  required: 'registers.orders.error.required',
  tooLong: 'registers.orders.error.tooLong',
  numberTaken: 'registers.orders.error.numberTaken',
  invalid: 'registers.orders.error.amount',
  notPartyMatter: 'registers.error.notPartyMatter',
};

/** The button of each step an order may take (an order never goes back to issued). */
const STEP_KEYS: Record<ServiceOrderStatus, MessageKey> = {
  issued: 'registers.orders.status.issued',
  done: 'registers.orders.to.done',
  paid: 'registers.orders.to.paid',
  cancelled: 'registers.orders.to.cancelled',
};

/** F1: the orders panel of an entry; nothing for a matter that is not an owner's or tenant's. */
export function ServiceOrdersPanel({ entry, staffId }: { entry: LogEntry; staffId: string }) {
  const t = useT();
  const o = useServiceOrders(entry.id, staffId);
  if (!isPartyKind(entry.kind)) return null;
  const err = (code: OrderErrors[keyof OrderErrors]) => (code === undefined ? undefined : t(ERROR_KEYS[code]));
  return (
    <section className="service-orders" aria-label={t('registers.orders.title')}>
      <h3>{t('registers.orders.title')}</h3>
      {o.orders?.length === 0 ? <p className="empty">{t('registers.orders.empty')}</p> : null}
      <ul className="service-order-list">
        {o.orders?.map((order) => (
          <li key={order.id} aria-label={t('registers.orders.label', { number: order.number })}>
            <p>
              <strong>{order.number}</strong> {order.service} · {formatMoney(order.amountCents)}{' '}
              <span className={`badge badge-order-${order.status}`}>
                {t(`registers.orders.status.${order.status}`)}
              </span>
            </p>
            <div className="form-actions">
              {SERVICE_ORDER_STEPS[order.status].map((to) => (
                <Button key={to} disabled={o.busy} onClick={() => void o.move(order.id, to)}>
                  {t(STEP_KEYS[to])}
                </Button>
              ))}
            </div>
            {o.stepError === order.id ? (
              <p className="field-error" role="alert">
                {t('registers.orders.error.badStep')}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {o.adding ? (
        <form
          noValidate
          className="service-order-form"
          onSubmit={(e) => {
            e.preventDefault();
            void o.issue();
          }}
        >
          <div className="field-row field-row-3">
            <Field
              label={t('registers.orders.number')}
              error={err(o.errors.number)}
              limit={{ max: ORDER_LIMITS.number, value: o.draft.number }}
            >
              {(p) => <input {...p} value={o.draft.number} onChange={(e) => o.change('number', e.target.value)} />}
            </Field>
            <Field
              label={t('registers.orders.service')}
              error={err(o.errors.service)}
              limit={{ max: ORDER_LIMITS.service, value: o.draft.service }}
            >
              {(p) => <input {...p} value={o.draft.service} onChange={(e) => o.change('service', e.target.value)} />}
            </Field>
            <Field
              label={t('registers.orders.amount')}
              hint={t('registers.orders.amount.hint')}
              error={err(o.errors.amount)}
            >
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={o.draft.amount}
                  onChange={(e) => o.change('amount', e.target.value)}
                />
              )}
            </Field>
          </div>
          {o.errors.entryId ? (
            <p className="field-error" role="alert">
              {err(o.errors.entryId)}
            </p>
          ) : null}
          <div className="form-actions">
            <Button onClick={o.cancelAdding} disabled={o.busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="primary" disabled={o.busy}>
              {t('registers.orders.issue')}
            </Button>
          </div>
        </form>
      ) : (
        <Button onClick={o.startAdding}>{t('registers.orders.add')}</Button>
      )}
      <FailureAlert error={o.failure} />
    </section>
  );
}
