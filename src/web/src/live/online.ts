import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => onlineManager.subscribe(onChange);
const read = () => onlineManager.isOnline();

/**
 * Whether the browser has a network (its online/offline events, as TanStack Query's onlineManager follows them):
 * while it has none, changes wait in the queue and are sent when it returns.
 */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}
