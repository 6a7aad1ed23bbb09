// The plan page's keyboard shortcuts. Single keys, so never while typing in a field or with Ctrl/Alt/Meta
// (Ctrl+Z is undo, in undoKeys).
export type Shortcut = 'next' | 'previous' | 'complete' | 'open' | 'new' | 'search' | 'help';

export const shortcutList: readonly { keys: string; does: string }[] = [
  { keys: 'j', does: 'Next task' },
  { keys: 'k', does: 'Previous task' },
  { keys: 'x', does: 'Complete (or reopen) the focused task' },
  { keys: 'Enter', does: 'Open the focused task' },
  { keys: 'n', does: 'New task (in the focused task’s phase)' },
  { keys: '/', does: 'Search within the plan' },
  { keys: '?', does: 'Show these shortcuts' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', does: 'Undo / redo' },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function shortcutFor(event: KeyLike): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'x':
      return 'complete';
    case 'n':
      return 'new';
    case '/':
      return 'search';
    case '?':
      return 'help';
    case 'Enter':
      // On a task's row (not on one of its buttons, which Enter already presses).
      return event.target instanceof HTMLElement && event.target.matches('li[data-task-id]') ? 'open' : null;
    default:
      return null;
  }
}

/** The task after (or before) the focused one among those shown; the first (or last) when none is focused. */
export function nextFocus<T>(items: readonly T[], current: T | null, step: 1 | -1): T | undefined {
  if (items.length === 0) return undefined;
  const index = current === null ? -1 : items.indexOf(current);
  if (index < 0) return step === 1 ? items[0] : items[items.length - 1];
  return items[Math.min(items.length - 1, Math.max(0, index + step))];
}
