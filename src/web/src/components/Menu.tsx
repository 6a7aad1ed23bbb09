import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  danger?: boolean;
}

interface MenuProps {
  /** The button's accessible name, e.g. "Actions for Interview owners". */
  label: string;
  /** What the button shows; the label when not given. */
  children?: ReactNode;
  items: readonly MenuItem[];
  className?: string;
  /** Shown above the items while open, outside the menu itself (e.g. who is signed in, above Sign out). */
  header?: ReactNode;
}

/** A menu button (WAI-ARIA menu pattern): arrows move, Enter or Space picks, Escape or Tab closes. */
export function Menu({ label, children, items, className, header }: MenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const close = (event: PointerEvent) => {
      const inside = (popup.current ?? list.current)?.contains(event.target as Node);
      if (!inside && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  const focusItem = (step: number | 'first' | 'last') => {
    const entries = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const next = step === 'first' ? 0 : step === 'last' ? entries.length - 1 : (index + step + entries.length) % entries.length;
    entries[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, Home: 'first', End: 'last' };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusItem(move);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  const itemList = (
    <ul ref={list} id={id} role="menu" aria-label={label} className={header ? 'menu__items' : 'menu__list'} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li role="none" key={item.label}>
          <button type="button" role="menuitem" tabIndex={-1} disabled={item.disabled}
            className={item.danger ? 'menu__item menu__item--danger' : 'menu__item'}
            onClick={() => {
              setOpen(false);
              button.current?.focus();
              item.onSelect();
            }}>
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <div className={`menu ${className ?? ''}`}>
      <button ref={button} type="button" className="button button--quiet menu__button" aria-haspopup="menu"
        aria-expanded={open} aria-controls={open ? id : undefined} aria-label={children ? label : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}>
        {children ?? label}
      </button>
      {open && !header && itemList}
      {open && header && (
        <div ref={popup} className="menu__list menu__panel">
          <div className="menu__header">{header}</div>
          {itemList}
        </div>
      )}
    </div>
  );
}
