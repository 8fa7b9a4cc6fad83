import { useId } from 'react';
import type { Role } from '../../../domain/entities';
import { OVERRIDE_REASON_MIN } from '../../../domain/gate';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { Field } from '../../ui/field';
import { PinPad } from '../../ui/pin-pad';
import { pinProblemText } from './pin-check';
import type { HandoverFlowState } from './use-handover-flow';
import { useOverrideForm } from './use-override';

const roleKey = (role: Role): MessageKey => `role.${role}`;

/**
 * H11: a section chief or the property office manager lifts the refusal with their PIN and a
 * written reason. Anyone may be chosen; the wrong role is refused with a message, so the desk
 * sees why rather than a list that silently lacks people.
 */
export function OverrideForm({ flow, timeZone }: { flow: HandoverFlowState; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const pinErrorId = useId();
  const f = useOverrideForm(flow);
  const personError =
    f.errors.person === 'required'
      ? t('handover.override.personRequired')
      : f.errors.person === 'role' && f.person
        ? t('handover.override.wrongRole', { name: f.person.name, role: t(roleKey(f.person.role)) })
        : undefined;

  return (
    <section aria-labelledby={titleId} className="handover-override">
      <h4 id={titleId}>{t('handover.override.title')}</h4>
      <p className="meta">{t('handover.override.intro')}</p>
      <Field label={t('handover.override.person')} error={personError}>
        {(p) => (
          <select {...p} value={f.personId} onChange={(e) => f.setPersonId(e.target.value)}>
            <option value="">{t('handover.override.choose')}</option>
            {f.staff?.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.name} (${t(roleKey(s.role))})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('handover.override.reason')}
        hint={t('handover.override.reasonHint', { min: OVERRIDE_REASON_MIN })}
        error={f.errors.reason ? t('handover.override.reasonRequired', { min: OVERRIDE_REASON_MIN }) : undefined}
      >
        {(p) => (
          <textarea {...p} rows={3} maxLength={1000} value={f.reason} onChange={(e) => f.setReason(e.target.value)} />
        )}
      </Field>
      <div className="handover-pin" role="group" aria-label={t('handover.override.pin')} aria-describedby={pinErrorId}>
        <span className="field-label">
          {f.person ? t('handover.pin.for', { name: f.person.name }) : t('handover.override.pin')}
        </span>
        <PinPad
          value={f.pin}
          onChange={f.setPin}
          onSubmit={() => void f.submit()}
          submitLabel={f.checking ? t('signin.checking') : t('handover.override.submit')}
          disabled={f.checking}
        />
        {f.errors.pin ? (
          <p id={pinErrorId} role="alert" className="form-error">
            {pinProblemText(t, f.errors.pin, f.person?.name ?? '', timeZone)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
