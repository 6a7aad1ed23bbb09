import type { User } from '../api/client';
import { useSignOut } from '../auth/session';
import { ErrorMessage } from '../components/ErrorMessage';
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
