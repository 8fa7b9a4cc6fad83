import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { NetworkError } from '../../sync/api-client';
import { Button } from '../../ui/button';
import { FailureAlert } from '../../ui/failure-alert';
import { formatDateTime } from '../../ui/time';
import { groupCode, useEnrolmentCode } from './use-enrolment-code';

/** Create a one-time code and show it large, for enrolling another tablet to this building. */
export function EnrolmentCodePanel({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const { code, failure, busy, create } = useEnrolmentCode(staffId);

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('admin.code.title')}</h2>
      <Button variant="primary" large onClick={() => void create()} disabled={busy}>
        {t('admin.code.create')}
      </Button>
      {code ? (
        <div className="enrolment-code" role="status">
          <p className="field-label">{t('admin.code.label')}</p>
          <p className="code-display">{groupCode(code.code)}</p>
          <p>{t('admin.code.expires', { time: formatDateTime(code.expiresAt, timeZone) })}</p>
        </div>
      ) : null}
      <FailureAlert
        error={failure}
        {...(failure instanceof NetworkError ? { message: t('admin.code.offline') } : {})}
      />
    </section>
  );
}
