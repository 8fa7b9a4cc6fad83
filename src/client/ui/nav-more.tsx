import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';

export interface NavMoreProps {
  /** The label of the current section when it is one of those under "More", shown on the button. */
  currentLabel: string | null;
  /** The links under "More"; `close` is called when one is chosen. */
  children(close: () => void): ReactNode;
}

/**
 * The sections that do not fit the nav's row, behind a "More" button (issue 8): a disclosure, so
 * it works by touch (no hover), keyboard and screen reader alike. The button says whether it is
 * open (`aria-expanded`); the panel's links are ordinary links in the tab order; a choice, Escape
 * or a tap outside closes it, and Escape gives the focus back to the button.
 */
export function NavMore({ currentLabel, children }: NavMoreProps) {
  const t = useT();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="nav-more" ref={root}>
      <button
        ref={button}
        type="button"
        className={`btn btn-quiet nav-button${currentLabel ? ' nav-more-current' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {currentLabel ? t('nav.moreCurrent', { section: currentLabel }) : t('nav.more')}
      </button>
      {open ? (
        <ul id={panelId} className="nav-more-panel">
          {children(close)}
        </ul>
      ) : null}
    </div>
  );
}
