import { useId } from 'react';
import type { DeviceKind } from '../../../domain/api';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { SegmentedControl } from '../../ui/choice-group';
import { formatDateTime } from '../../ui/time';
import { AdminFailure } from './admin-failure';
import { groupCode, useEnrolmentCode } from './use-enrolment-code';

/**
 * Create a one-time code and show it large, for enrolling another tablet to this building, or
 * (issue 8) an office device: an office PC of the section chief or the manager, which skips the
 * desk screens. The admin says which first; the code shown says which it enrols.
 */
export function EnrolmentCodePanel({ staffId, timeZone }: { staffId: string; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const hintId = useId();
  const { kind, chooseKind, code, failure, busy, online, create } = useEnrolmentCode(staffId);
  const kinds: { value: DeviceKind; label: string }[] = [
    { value: 'desk', label: t('admin.code.kind.desk') },
    { value: 'office', label: t('admin.code.kind.office') },
  ];

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('admin.code.title')}</h2>
      <SegmentedControl legend={t('admin.code.kind')} options={kinds} value={kind} onChange={chooseKind} />
      <p id={hintId} className="field-hint">
        {t('admin.code.kind.hint')}
      </p>
      <Button
        variant="primary"
        large
        onClick={() => void create()}
        disabled={busy || !online}
        aria-describedby={hintId}
      >
        {t('admin.code.create')}
      </Button>
      {code ? (
        <div className="enrolment-code" role="status">
          <p className="field-label">{t('admin.code.label')}</p>
          <p className="code-display">{groupCode(code.code)}</p>
          <p>{t(code.deviceKind === 'office' ? 'admin.code.forKind.office' : 'admin.code.forKind.desk')}</p>
          <p>{t('admin.code.expires', { time: formatDateTime(code.expiresAt, timeZone) })}</p>
        </div>
      ) : null}
      <AdminFailure error={failure} timeZone={timeZone} onRetry={() => void create()} />
    </section>
  );
}
