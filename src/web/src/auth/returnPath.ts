import { matchPath } from '../router/router';

// Where to go once signed in or signed up. The sign-in page shown at any other URL (a signed-out visitor opened
// /plans/7, say) comes back to that URL by itself; /sign-in and /sign-up name theirs as `?next=/path`. Only a path
// on this site is ever followed, so a crafted link cannot send someone elsewhere after they sign in.

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_UP_PATH = '/sign-up';
export const INVITATION_PATH = '/invitations/:token';

const isAuthPage = (pathname: string) => pathname === SIGN_IN_PATH || pathname === SIGN_UP_PATH;

/** `value` when it is a path on this site (and not the sign-in or sign-up page itself), else home. */
export function safeNext(value: string | null | undefined): string {
  // "//host" and "/\host" are other sites to a browser, as is anything a URL parser resolves off this origin.
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(value, window.location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== window.location.origin || isAuthPage(url.pathname)) return '/';
  return url.pathname + url.search + url.hash;
}

/** The path to come back to after signing in from the page shown now. */
export function returnPath(): string {
  const { pathname, search, hash } = window.location;
  if (isAuthPage(pathname)) return safeNext(new URLSearchParams(search).get('next'));
  return safeNext(pathname + search + hash);
}

/** A link to the sign-in or sign-up page that comes back to `next` (home needs no parameter). */
export function authLink(page: string, next: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (next !== '/') params.set('next', next);
  const query = params.toString();
  return query ? `${page}?${query}` : page;
}

/** The invitation a signed-out visitor is on the way to accept: `?invitation=`, or a return path to one. */
export function invitationInProgress(): string | undefined {
  const direct = new URLSearchParams(window.location.search).get('invitation');
  if (direct) return direct;
  const next = returnPath();
  return matchPath(INVITATION_PATH, new URL(next, window.location.origin).pathname)?.['token'];
}
