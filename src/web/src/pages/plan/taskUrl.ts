import { useSyncExternalStore } from 'react';
import { announceNavigation, subscribeToLocation } from '../../router/router';

const PANEL_STATE = 'unbuiltTaskPanel';

// The open task lives in the URL (?task=12), so a phone's Back closes the full-screen task view and a link can
// open it. The router follows paths only; this follows the query beside it.

export function taskIdIn(search: string): number | null {
  const value = new URLSearchParams(search).get('task');
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

export function useOpenTaskId(): number | null {
  return taskIdIn(useSyncExternalStore(subscribeToLocation, () => window.location.search, () => ''));
}

function urlWithTask(taskId: number | null): string {
  const url = new URL(window.location.href);
  if (taskId === null) url.searchParams.delete('task');
  else url.searchParams.set('task', String(taskId));
  return url.pathname + url.search + url.hash;
}

export function openTask(taskId: number) {
  // Another task open already: replace it, so Back still goes to the plan.
  const replace = taskIdIn(window.location.search) !== null;
  const state = { [PANEL_STATE]: true };
  if (replace) window.history.replaceState(state, '', urlWithTask(taskId));
  else window.history.pushState(state, '', urlWithTask(taskId));
  announceNavigation();
}

export function closeTask() {
  const state: unknown = window.history.state;
  if (state && typeof state === 'object' && PANEL_STATE in state) {
    window.history.back();
    return;
  }
  window.history.replaceState(null, '', urlWithTask(null));
  announceNavigation();
}
