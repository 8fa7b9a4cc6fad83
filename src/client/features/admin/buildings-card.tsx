import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { Field } from '../../ui/field';
import { TimeZoneField } from '../../ui/settings-fields';
import { SubmitButton } from '../../ui/submit-button';
import { AdminFailure } from './admin-failure';
import { useAdminBuildings } from './use-admin-buildings';

/**
 * Issue 10 §1: the company's buildings this admin administers, and a new one. A new building starts
 * with this building's shifts and settings and this admin as its admin; its tablets are enrolled
 * from an office device that opened it (Buildings), with that building's codes.
 */
export function BuildingsCard({
  actorStaffId,
  timeZone,
  siteId,
}: {
  actorStaffId: string;
  timeZone: string;
  siteId: string;
}) {
  const t = useT();
  const titleId = useId();
  const b = useAdminBuildings(actorStaffId, timeZone);
  const nameLabel = t('admin.buildings.name');
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('admin.buildings.title')}</h2>
      <p className="meta">{t('admin.buildings.intro')}</p>
      <AdminFailure error={b.loadFailure} timeZone={timeZone} onRetry={b.reload} />
      {b.buildings === null ? (
        b.loading ? (
          <p className="empty">{t('admin.buildings.loading')}</p>
        ) : null
      ) : (
        <ul className="staff-list" aria-labelledby={titleId}>
          {b.buildings.map((x) => (
            <li key={x.siteId}>
              <span className="staff-name">
                {x.name}
                {x.siteId === siteId ? ` (${t('admin.buildings.this')})` : ''}
              </span>
              <span className="staff-role">{x.timeZone}</span>
            </li>
          ))}
        </ul>
      )}
      {b.created ? (
        <p role="status" className="form-ok">
          {t('admin.buildings.created', { name: b.created })}
        </p>
      ) : null}
      <form
        aria-label={t('admin.buildings.create')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void b.submit();
        }}
      >
        <div className="field-row">
          <Field
            label={nameLabel}
            error={b.errors.name ? t(b.errors.name, { field: nameLabel }) : undefined}
            limit={{ max: 80, value: b.name }}
          >
            {(p) => <input {...p} value={b.name} onChange={(e) => b.setName(e.target.value)} />}
          </Field>
          <TimeZoneField label={t('admin.buildings.timeZone')} value={b.timeZone} onChange={b.setTimeZone} />
        </div>
        <AdminFailure error={b.failure} timeZone={timeZone} onRetry={() => void b.submit()} />
        <div className="form-actions">
          <SubmitButton busy={b.saving} disabled={!b.online} label={t('admin.buildings.create')} />
        </div>
      </form>
    </section>
  );
}
