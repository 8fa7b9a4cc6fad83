import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { useCorrectedNow } from '../../ui/use-now';
import { useSiteTimeZone } from '../../ui/use-site';
import { CustodyPanel } from './custody-panel';
import { ItemsTabs, tabPanelProps, type TabDef } from './items-tabs';
import { LoansPanel } from './loans-panel';
import { RegisterPanel } from './register-panel';
import { useItemsFocus, type ItemsTab } from './use-items-focus';
import { useHeldCustody, useOpenLoans } from './use-register';

/**
 * H8: the public items of the desk. Register (the chief keeps it; QR labels print from it), Loans
 * (keys and radios lent out, overdue ones first) and Custody (property of others the desk keeps).
 */
export function ItemsScreen({ staffId }: { staffId: string }) {
  const t = useT();
  const idBase = useId();
  const timeZone = useSiteTimeZone();
  const now = useCorrectedNow(30_000);
  const loans = useOpenLoans(now);
  const held = useHeldCustody();
  const { tab, select, highlightId } = useItemsFocus();
  const overdue = loans?.filter((l) => l.overdue).length ?? 0;
  const heldCount = held?.length ?? 0;

  const tabs: TabDef<ItemsTab>[] = [
    { id: 'register', label: t('register.tab.register') },
    {
      id: 'loans',
      label: t('register.tab.loans'),
      badge:
        overdue > 0 ? (
          <span className="badge badge-overdue">{t('register.tab.overdue', { count: overdue })}</span>
        ) : null,
    },
    {
      id: 'custody',
      label: t('register.tab.custody'),
      badge: heldCount > 0 ? <span className="badge">{t('register.tab.held', { count: heldCount })}</span> : null,
    },
  ];

  return (
    <div className="items-screen">
      <h1 className="visually-hidden">{t('register.title')}</h1>
      <ItemsTabs label={t('register.tabs')} tabs={tabs} selected={tab} onSelect={select} idBase={idBase} />
      <div {...tabPanelProps(idBase, tab)}>
        {tab === 'register' ? (
          <RegisterPanel staffId={staffId} timeZone={timeZone} now={now} highlightId={highlightId} />
        ) : null}
        {tab === 'loans' ? (
          <LoansPanel staffId={staffId} timeZone={timeZone} now={now} loans={loans} highlightId={highlightId} />
        ) : null}
        {tab === 'custody' ? (
          <CustodyPanel staffId={staffId} timeZone={timeZone} now={now} held={held} highlightId={highlightId} />
        ) : null}
      </div>
    </div>
  );
}
