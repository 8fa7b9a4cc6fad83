import { useT } from '../../i18n/use-t';
import { useSiteTimeZone } from '../../ui/use-site';
import { EnrolmentCodePanel } from './enrolment-code-panel';
import { StaffAdmin } from './staff-admin';

/** Admin only (the app shows it to role admin): tablets and staff. */
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
    </div>
  );
}
