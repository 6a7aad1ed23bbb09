import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../../api/client';
import { featuresKey } from '../../live/features';

export const statusKey = (name: string) => ['admin', 'flag', name, 'status'] as const;
export const historyKey = (name: string) => ['admin', 'flag', name, 'history'] as const;
export const usersKey = ['admin', 'users'] as const;

export function useFlagStatus(name: string) {
  return useQuery({ queryKey: statusKey(name), queryFn: ({ signal }) => adminApi.status(name, signal) });
}

export function useAdminUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => adminApi.users(signal), staleTime: 60_000 });
}

/**
 * One kind of change to a flag (each section has its own, so each shows its own error). Afterwards every admin
 * view is read again, and this admin's own features too: the change may have opened or closed one for them.
 */
export function useFlagChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: () => Promise<unknown>) => change(),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: featuresKey });
    },
  });
}

/** "42" → 42; "ada@example.com" → that user's id; undefined when it names nobody. */
export function resolveUser(input: string, users: readonly { id: number; email: string }[] | undefined): number | undefined {
  const text = input.trim();
  if (/^\d+$/.test(text)) return Number(text);
  return users?.find((u) => u.email.toLowerCase() === text.toLowerCase())?.id;
}
