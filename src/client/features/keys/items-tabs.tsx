import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: string;
  /** A count shown beside the label (e.g. "2 overdue"), part of the tab's name. */
  badge?: ReactNode;
}

export interface ItemsTabsProps<T extends string> {
  label: string;
  tabs: readonly TabDef<T>[];
  selected: T;
  onSelect(id: T): void;
  /** Prefix for the tab and panel ids, so aria-controls/aria-labelledby pair them up. */
  idBase: string;
}

/**
 * The ARIA tabs pattern as large touch targets: a tap or Arrow keys switch views, and the selected
 * tab alone is in the Tab order. The panel is rendered by the screen with `tabPanelProps`.
 */
export function ItemsTabs<T extends string>({ label, tabs, selected, onSelect, idBase }: ItemsTabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const target = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : index + step;
    if (target === index || (step === 0 && e.key !== 'Home' && e.key !== 'End')) return;
    e.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="items-tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`${idBase}-tab-${tab.id}`}
          aria-controls={`${idBase}-panel`}
          aria-selected={tab.id === selected}
          tabIndex={tab.id === selected ? 0 : -1}
          className="items-tab"
          onClick={() => onSelect(tab.id)}
        >
          <span>{tab.label}</span>
          {/* A space, so the tab's accessible name reads "Loans 2 overdue", not "Loans2 overdue". */}
          {tab.badge ? <> {tab.badge}</> : null}
        </button>
      ))}
    </div>
  );
}

/** Props for the one panel under the tabs, labelled by the selected tab. */
export function tabPanelProps(idBase: string, selected: string) {
  return {
    role: 'tabpanel',
    id: `${idBase}-panel`,
    'aria-labelledby': `${idBase}-tab-${selected}`,
    className: 'items-panel',
  } as const;
}
