import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { closedFeatureOf, isApiError } from '../api/client';
import { meQueryKey, setSignedInUser } from '../auth/session';
import { applyFeatureChange } from '../live/features';

const MAX_RETRIES = 2;

/** Retry only what may heal by itself: no network (status 0) and server errors. A 4xx will answer the same. */
function shouldRetry(failureCount: number, error: unknown) {
  return failureCount < MAX_RETRIES && isApiError(error) && (error.status === 0 || error.status >= 500);
}

export function createQueryClient() {
  const onError = (error: unknown, key?: readonly unknown[]) => {
    // A 401 from any call but /api/me means the session ended (expired, signed out elsewhere): show sign-in.
    if (isApiError(error, 401) && key?.[0] !== meQueryKey[0] && client.getQueryData(meQueryKey)) {
      setSignedInUser(client, null);
    }
    // A 404 naming a feature means the feature was switched off for us: close it everywhere at once.
    const feature = closedFeatureOf(error);
    if (feature) applyFeatureChange(client, { name: feature, enabled: false });
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
