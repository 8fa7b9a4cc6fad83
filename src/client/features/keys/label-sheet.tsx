import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Item, ItemCategory } from '../../../domain/entities';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/button';
import { ChipGroup } from '../../ui/choice-group';
import { QrLabel } from './qr-label';
import { categoryKey } from './register-labels';

type Selection = 'all' | ItemCategory;

/**
 * The printable sheet of QR labels (H8: codes on key tags and stickers), opened over the app as a
 * full-screen view. It is portalled to <body> so the print stylesheet can hide everything else
 * and print only the grid of labels; choose all items or one category, then Print.
 */
export function LabelSheet({ items, onClose }: { items: readonly Item[]; onClose(): void }) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection>('all');
  const categories = useMemo(() => [...new Set(items.map((i) => i.category))], [items]);
  const shown = selection === 'all' ? items : items.filter((i) => i.category === selection);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);

  return createPortal(
    <div ref={ref} className="label-sheet-view" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
      <div className="label-sheet-controls">
        <div className="card-top">
          <h2 id={titleId}>{t('register.labels.title')}</h2>
          <div className="label-sheet-actions">
            <Button variant="primary" large onClick={() => window.print()} disabled={shown.length === 0}>
              {t('register.labels.print')}
            </Button>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </div>
        </div>
        <ChipGroup
          legend={t('register.labels.which')}
          options={[
            { value: 'all', label: t('register.labels.all') },
            ...categories.map((c) => ({ value: c, label: t(categoryKey(c)) })),
          ]}
          value={selection}
          onChange={setSelection}
        />
        <p className="count">{t('register.labels.count', { count: shown.length })}</p>
      </div>
      {shown.length === 0 ? <p className="empty">{t('register.labels.empty')}</p> : null}
      <div className="label-sheet" aria-label={t('register.labels.title')} role="list">
        {shown.map((item) => (
          <div role="listitem" key={item.id}>
            <QrLabel item={item} />
          </div>
        ))}
      </div>
    </div>,
    document.body,
  );
}
