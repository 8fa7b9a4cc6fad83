import { useT } from '../../i18n/use-t';
import { useSiteTimeZone } from '../../ui/use-site';
import { BuildingSettingsCard } from './building-settings-card';
import { EnrolmentCodePanel } from './enrolment-code-panel';
import { StaffAdmin } from './staff-admin';

/** Admin only (the app shows it to role admin): tablets, staff and the building's settings. */
export function AdminScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const timeZone = useSiteTimeZone();
  return (
    <div className="admin">
      <h1 className="visually-hidden">{t('admin.title')}</h1>
      <div className="admin-columns">
        <EnrolmentCodePanel staffId={staffId} timeZone={timeZone} />
        <StaffAdmin actorStaffId={staffId} />
      </div>
      <BuildingSettingsCard actorStaffId={staffId} />
    </div>
  );
}
