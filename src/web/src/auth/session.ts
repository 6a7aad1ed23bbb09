import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, type Credentials, type User } from '../api/client';
import { navigate } from '../router/router';

// The signed-in user is server state like any other: the ['me'] query holds the User, or null when signed out.
export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery<User | null>({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => {
      try {
        return await api.me(signal);
      } catch (error) {
        if (isApiError(error, 401)) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Forgets everything cached for the previous user, then records who is signed in now (or nobody). */
export function setSignedInUser(client: QueryClient, user: User | null) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  client.setQueryData(meQueryKey, user);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.login(credentials),
    onSuccess: (user) => setSignedInUser(client, user),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.logout();
      } catch (error) {
        // An expired session is already signed out; anything else is worth telling the user.
        if (!isApiError(error, 401)) throw error;
      }
    },
    onSuccess: () => {
      setSignedInUser(client, null);
      navigate('/', { replace: true });
    },
  });
}
