import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A small history-API router: the server answers index.html for any non-API path, so every URL here is real.
// It does what the app needs (current path, links, navigation, `:param` patterns) and nothing more.

const NAVIGATE_EVENT = 'unbuilt:navigate';

/** Calls onChange whenever the URL changes (Back, Forward, or navigate/announceNavigation here). */
export function subscribeToLocation(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(
    subscribeToLocation,
    () => window.location.pathname,
    () => '/',
  );
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  announceNavigation();
}

export type Params = Record<string, string>;

/** Matches `/plans/:planId` against a path; trailing slashes are ignored. Returns the params, or null. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const split = (path: string) => path.split('/').filter(Boolean);
  const want = split(pattern);
  const have = split(pathname);
  if (want.length !== have.length) return null;
  const params: Params = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Leave new-tab, new-window and download clicks to the browser.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

/** A Link that marks itself `aria-current="page"` on its own page and the pages below it. */
export function NavLink(props: LinkProps) {
  const pathname = usePathname();
  const active = props.to === '/' ? pathname === '/' : pathname === props.to || pathname.startsWith(`${props.to}/`);
  return <Link aria-current={active ? 'page' : undefined} {...props} />;
}

/** Tells every URL subscriber that history changed (after a pushState or replaceState of one's own). */
export function announceNavigation() {
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
