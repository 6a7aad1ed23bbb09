import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { AdminNotice } from '../api/types';

// Notices the server pushes to admins (the guard acted, an alert started), newest first; they live only in the
// page, so the query never fetches: the hub fills it.
const noticesKey = ['admin-notices'] as const;
const KEEP = 20;

export function addAdminNotice(client: QueryClient, notice: AdminNotice) {
  client.setQueryData<AdminNotice[]>(noticesKey, (current = []) => [notice, ...current].slice(0, KEEP));
  // Whatever the notice is about (a flag rolled back, an alert) is worth reading again.
  void client.invalidateQueries({ queryKey: ['admin'] });
}

export function useAdminNotices() {
  return useQuery<AdminNotice[]>({ queryKey: noticesKey, queryFn: () => [], staleTime: Number.POSITIVE_INFINITY }).data ?? [];
}

export function dismissAdminNotices(client: QueryClient) {
  client.setQueryData<AdminNotice[]>(noticesKey, []);
}
