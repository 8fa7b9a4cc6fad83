import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Button } from './button';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Wider layout for detail views. */
  wide?: boolean;
}

/**
 * A modal dialog: focus moves into it, Escape and the Close button close it, and focus returns to
 * whatever opened it. Rendered only while open, so its form state starts fresh each time.
 */
export function Dialog({ title, onClose, children, wide = false }: DialogProps) {
  const t = useT();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
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

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <Button variant="quiet" onClick={onClose}>
            {t('common.close')}
          </Button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}
