import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { meQueryKey, setSignedInUser } from '../auth/session';

const MAX_RETRIES = 2;

/** Retry only what may heal by itself: no network (status 0) and server errors. A 4xx will answer the same. */
function shouldRetry(failureCount: number, error: unknown) {
  return failureCount < MAX_RETRIES && isApiError(error) && (error.status === 0 || error.status >= 500);
}

export function createQueryClient() {
  // A 401 from any call but /api/me means the session ended (expired, signed out elsewhere): show sign-in.
  const onError = (error: unknown, key?: readonly unknown[]) => {
    if (isApiError(error, 401) && key?.[0] !== meQueryKey[0] && client.getQueryData(meQueryKey)) {
      setSignedInUser(client, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
  return client;
}
