import { useT } from '../../i18n/use-t';
import { useOnline } from '../../ui/use-online';
import { useSite, useSiteTimeZone } from '../../ui/use-site';
import { BuildingSettingsCard } from './building-settings-card';
import { BuildingsCard } from './buildings-card';
import { DeviceList } from './device-list';
import { EnrolmentCodePanel } from './enrolment-code-panel';
import { StaffAdmin } from './staff-admin';

/**
 * Admin only (the app shows it to role admin): tablets and devices, staff and the building's
 * settings. Issue 9 §3: every change here is made on the server in the admin's name, so offline
 * the screen says so and its buttons are off; nothing is queued.
 */
export function AdminScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  const online = useOnline();
  const site = useSite();
  return (
    <div className="admin">
      <h1 className="visually-hidden">{t('admin.title')}</h1>
      {online ? null : (
        <p role="status" className="admin-offline">
          {t('admin.online.offline')}
        </p>
      )}
      <div className="admin-columns">
        <EnrolmentCodePanel staffId={staffId} timeZone={timeZone} />
        <StaffAdmin actorStaffId={staffId} timeZone={timeZone} />
      </div>
      <DeviceList staffId={staffId} timeZone={timeZone} />
      <BuildingSettingsCard actorStaffId={staffId} timeZone={timeZone} />
      {site ? <BuildingsCard actorStaffId={staffId} timeZone={timeZone} siteId={site.id} /> : null}
    </div>
  );
}
