import type { User } from '../api/client';
import { useSignOut } from '../auth/session';
import { ErrorMessage } from '../components/ErrorMessage';
import { Menu } from '../components/Menu';
import { TierBadge } from '../components/TierBadge';
import { useFeatures } from '../live/features';
import { Link, NavLink } from '../router/router';
import { canSee, routes } from './routes';

export function AppHeader({ user }: { user: User }) {
  const signOut = useSignOut();
  const features = useFeatures().data ?? [];
  const links = routes.filter(
    (route) => route.nav && canSee(route, user) && (!route.feature || features.includes(route.feature)),
  );
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link to="/" className="brand">
          Unbuilt
        </Link>
        <nav className="app-nav" aria-label="Main">
          <ul>
            {links.map((route) => (
              <li key={route.path}>
                <NavLink to={route.path}>{route.nav}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {/* On a phone the header is one row: the account is a menu holding the name, tier and Sign out. */}
        <Menu className="account-menu" label={`Account: ${user.displayName}`}
          items={[{ label: 'Sign out', onSelect: () => signOut.mutate(), disabled: signOut.isPending }]}
          header={
            <>
              <span className="account-menu__name">{user.displayName}</span>
              <span className="account-menu__email muted small">{user.email}</span>
              <TierBadge tier={user.tier} />
            </>
          }>
          <span className="account-menu__initials" aria-hidden="true">
            {initialsOf(user.displayName)}
          </span>
        </Menu>
        <div className="account">
          <span className="account__name" title={user.email}>
            {user.displayName}
          </span>
          <TierBadge tier={user.tier} />
          <button type="button" className="button button--quiet" onClick={() => signOut.mutate()}
            disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </div>
      {signOut.isError && (
        <div className="app-header__message">
          <ErrorMessage error={signOut.error} />
        </div>
      )}
    </header>
  );
}

function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
