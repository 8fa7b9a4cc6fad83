import type { DeviceInfo } from '../../db/repos/device-repo';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Field } from '../../ui/field';
import { SubmitButton } from '../../ui/submit-button';
import { PinInput } from '../../ui/pin-input';
import { LanguageSwitcher } from '../../ui/language-switcher';
import { MinutesField, ShiftTimeInputs, TimeZoneField } from '../../ui/settings-fields';
import { inSecureContext, SecureContextRefusal } from '../../ui/secure-context-refusal';
import {
  ADMIN_PIN_LENGTH,
  SETUP_LIMITS,
  SETUP_STEPS,
  useSetupForm,
  type SetupErrors,
  type SetupValues,
} from './use-setup-form';

export interface SetupScreenProps {
  /** The tablet is enrolled and the admin has read the install advice. */
  onDone(device: DeviceInfo): void;
  /** The server already has a building: enrol with a code instead. */
  onChooseEnrol(): void;
}

const STEP_TITLES = ['setup.step.building', 'setup.step.admin', 'setup.step.tablet'] as const;

/**
 * First run against an empty server: the building, its first admin, and this tablet. Issue 9 §4:
 * refused outside a secure context (the PIN and the tablet's token would cross the Wi-Fi in clear).
 */
export function SetupScreen(props: SetupScreenProps) {
  const t = useT();
  if (!inSecureContext()) return <SecureContextRefusal title={t('setup.title')} />;
  return <SetupForm {...props} />;
}

function SetupForm({ onDone, onChooseEnrol }: SetupScreenProps) {
  const t = useT();
  const form = useSetupForm();
  const { values, set, step, errors } = form;
  const err = (name: keyof SetupValues, label: string) => fieldError(t, errors, name, label);

  if (form.device) {
    const device = form.device;
    return (
      <main className="centered-screen">
        <div className="card">
          <h1>{t('setup.done.title')}</h1>
          <p className="callout">{t('install.hint')}</p>
          <p>{t('setup.done.signIn')}</p>
          <Button variant="primary" large onClick={() => onDone(device)}>
            {t('common.continue')}
          </Button>
        </div>
      </main>
    );
  }

  const last = step === SETUP_STEPS.length - 1;
  return (
    <main className="centered-screen">
      <form
        ref={(el) => form.attachForm(el)}
        className="card wizard"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (last) void form.submit();
          else form.next();
        }}
      >
        <div className="card-top">
          <h1>{t('setup.title')}</h1>
          <LanguageSwitcher />
        </div>
        <p>{t('setup.intro')}</p>
        <h2>
          {t(STEP_TITLES[step] ?? 'setup.step.building')}{' '}
          <span className="step-count">{t('setup.step', { step: step + 1, total: SETUP_STEPS.length })}</span>
        </h2>
        {step === 0 ? (
          <>
            <Field
              label={t('https.setup.code')}
              hint={t('https.setup.code.hint')}
              error={err('setupCode', t('https.setup.code'))}
            >
              {(p) => (
                <input
                  {...p}
                  className="code-input"
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  value={values.setupCode}
                  onChange={(e) => set('setupCode', e.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('setup.buildingName')}
              error={err('buildingName', t('setup.buildingName'))}
              limit={{ max: SETUP_LIMITS.buildingName, value: values.buildingName }}
            >
              {(p) => (
                <input {...p} value={values.buildingName} onChange={(e) => set('buildingName', e.target.value)} />
              )}
            </Field>
            <TimeZoneField
              label={t('setup.timeZone')}
              value={values.timeZone}
              onChange={(v) => set('timeZone', v)}
              error={err('timeZone', t('setup.timeZone'))}
            />
            <ShiftTimeInputs
              startLabel={t('setup.shiftStart')}
              endLabel={t('setup.shiftEnd')}
              start={values.shiftStart}
              end={values.shiftEnd}
              onStart={(v) => set('shiftStart', v)}
              onEnd={(v) => set('shiftEnd', v)}
              startError={err('shiftStart', t('setup.shiftStart'))}
              endError={err('shiftEnd', t('setup.shiftEnd'))}
            />
            <MinutesField
              field="idleSignOutMinutes"
              label={t('setup.idleMinutes')}
              hint={t('setup.idleMinutes.hint')}
              value={values.idleMinutes}
              onChange={(v) => set('idleMinutes', v)}
              error={err('idleMinutes', t('setup.idleMinutes'))}
            />
          </>
        ) : null}
        {step === 1 ? (
          <>
            <Field
              label={t('setup.adminName')}
              error={err('adminName', t('setup.adminName'))}
              limit={{ max: SETUP_LIMITS.adminName, value: values.adminName }}
            >
              {(p) => <input {...p} value={values.adminName} onChange={(e) => set('adminName', e.target.value)} />}
            </Field>
            <Field
              label={t('setup.pin')}
              hint={t('https.setup.pin.hint', ADMIN_PIN_LENGTH)}
              error={err('pin', t('setup.pin'))}
            >
              {(p) => <PinInput {...p} value={values.pin} onValue={(v) => set('pin', v)} />}
            </Field>
            <Field label={t('setup.confirmPin')} error={err('confirmPin', t('setup.confirmPin'))}>
              {(p) => <PinInput {...p} value={values.confirmPin} onValue={(v) => set('confirmPin', v)} />}
            </Field>
          </>
        ) : null}
        {step === 2 ? (
          <Field
            label={t('setup.tabletName')}
            hint={t('setup.tabletName.hint')}
            error={err('tabletName', t('setup.tabletName'))}
            limit={{ max: SETUP_LIMITS.tabletName, value: values.tabletName }}
          >
            {(p) => <input {...p} value={values.tabletName} onChange={(e) => set('tabletName', e.target.value)} />}
          </Field>
        ) : null}
        {form.failure ? (
          <div role="alert" className="form-error">
            <p>{form.alreadySetUp ? t('setup.error.alreadySetUp') : describeError(t, form.failure)}</p>
            {form.alreadySetUp ? <Button onClick={onChooseEnrol}>{t('setup.goToEnrol')}</Button> : null}
          </div>
        ) : null}
        <div className="form-actions">
          {step > 0 ? (
            <Button onClick={form.back} disabled={form.submitting}>
              {t('common.back')}
            </Button>
          ) : null}
          <SubmitButton busy={form.submitting} label={last ? t('setup.submit') : t('common.next')} />
        </div>
      </form>
    </main>
  );
}

function fieldError(
  t: ReturnType<typeof useT>,
  errors: SetupErrors,
  name: keyof SetupValues,
  label: string,
): string | undefined {
  const key = errors[name];
  return key ? t(key, { field: label, ...ADMIN_PIN_LENGTH }) : undefined;
}
