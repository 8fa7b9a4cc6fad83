import type { DeviceInfo } from '../../db/repos/device-repo';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { SubmitButton } from '../../ui/submit-button';
import { Field } from '../../ui/field';
import { LanguageSwitcher } from '../../ui/language-switcher';
import { inSecureContext, SecureContextRefusal } from '../../ui/secure-context-refusal';
import { TABLET_NAME_MAX, useEnrolForm } from './use-enrol-form';

/**
 * Enrol this tablet to the building with a one-time code from an admin. Issue 9 §4: refused
 * outside a secure context (the tablet's token would cross the Wi-Fi in clear text).
 */
export function EnrolScreen(props: { onDone(device: DeviceInfo): void }) {
  const t = useT();
  if (!inSecureContext()) return <SecureContextRefusal title={t('enrol.title')} />;
  return <EnrolForm {...props} />;
}

function EnrolForm({ onDone }: { onDone(device: DeviceInfo): void }) {
  const t = useT();
  const form = useEnrolForm();

  if (form.device) {
    const device = form.device;
    return (
      <main className="centered-screen">
        <div className="card">
          <h1>{t('enrol.done.title')}</h1>
          <p className="callout">{t('install.hint')}</p>
          <Button variant="primary" large onClick={() => onDone(device)}>
            {t('common.continue')}
          </Button>
        </div>
      </main>
    );
  }

  return (
    <main className="centered-screen">
      <form
        ref={(el) => form.attachForm(el)}
        className="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <div className="card-top">
          <h1>{t('enrol.title')}</h1>
          <LanguageSwitcher />
        </div>
        <p>{t('enrol.intro')}</p>
        <Field
          label={t('enrol.code')}
          hint={t('enrol.code.hint')}
          error={form.errors.code ? t(form.errors.code, { field: t('enrol.code') }) : undefined}
        >
          {(p) => (
            <input
              {...p}
              className="code-input"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              value={form.code}
              onChange={(e) => form.setCode(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('setup.tabletName')}
          hint={t('setup.tabletName.hint')}
          error={form.errors.tabletName ? t(form.errors.tabletName, { field: t('setup.tabletName') }) : undefined}
          limit={{ max: TABLET_NAME_MAX, value: form.tabletName }}
        >
          {(p) => <input {...p} value={form.tabletName} onChange={(e) => form.setTabletName(e.target.value)} />}
        </Field>
        <FailureAlert error={form.failure} />
        <div className="form-actions">
          <SubmitButton busy={form.submitting} label={t('enrol.submit')} />
        </div>
      </form>
    </main>
  );
}
