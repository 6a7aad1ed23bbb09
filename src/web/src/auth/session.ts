import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, type Credentials, type SignUp, type SignUpMode, type User } from '../api/client';
import { navigate } from '../router/router';
import { resetPlanSync } from '../live/planSync';
import { authLink, SIGN_UP_PATH } from './returnPath';

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

// Why the user was signed out when they did not ask to be (the server ended the session): the sign-in page says it.
// It lives only in the page, so the query never fetches; signing in forgets it with everything else.
const signInNoticeKey = ['sign-in-notice'] as const;

/**
 * Forgets everything cached for the previous user, then records who is signed in now (or nobody, with `notice`
 * saying why when it was not the user's own doing).
 */
export function setSignedInUser(client: QueryClient, user: User | null, notice?: string) {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  resetPlanSync();
  if (notice) client.setQueryData(signInNoticeKey, notice);
  client.setQueryData(meQueryKey, user);
}

export function useSignInNotice(): string | null {
  return (
    useQuery<string | null>({ queryKey: signInNoticeKey, queryFn: () => null, initialData: null, staleTime: Infinity }).data ??
    null
  );
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.login(credentials),
    onSuccess: (user) => setSignedInUser(client, user),
  });
}

/**
 * Creates an account and signs it in (the server sets the session cookie as a sign-in does), then goes to `next`.
 * The sign-up URL is made to name `next` before the user is recorded, so the signed-in app, which renders at once
 * at that URL, goes straight there (see SIGN_UP_PATH in routes) instead of showing any other page first.
 */
export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body }: { body: SignUp; next: string }) => api.signUp(body),
    onSuccess: (user, { next }) => {
      navigate(authLink(SIGN_UP_PATH, next), { replace: true });
      setSignedInUser(client, user);
    },
  });
}

/** Who may create an account: open, invite (with an invitation only) or closed. */
export function useSignUpMode(enabled = true) {
  return useQuery<SignUpMode>({
    queryKey: ['sign-up-mode'],
    queryFn: async ({ signal }) => (await api.signUpMode(signal)).mode,
    staleTime: 5 * 60_000,
    enabled,
  });
}

const signOutKey = ['sign-out'] as const;

/** This page asked to sign out and is waiting for the answer (the server's own word of it is then no news). */
export function isSigningOut(client: QueryClient) {
  return client.isMutating({ mutationKey: signOutKey }) > 0;
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: signOutKey,
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
