import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import type { User } from '../api/client';
import { INVITATION_PATH, SIGN_UP_PATH } from '../auth/returnPath';
import { useMe } from '../auth/session';
import { ErrorMessage } from '../components/ErrorMessage';
import { FeatureUnavailable } from '../components/FeatureUnavailable';
import { Loading } from '../components/Loading';
import { LoadingScreen } from '../components/LoadingScreen';
import { useFeatures } from '../live/features';
import { LiveProvider } from '../live/LiveProvider';
import { InvitationPage } from '../pages/invitation/InvitationPage';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { SignUpPage } from '../pages/sign-up/SignUpPage';
import { matchPath, usePathname } from '../router/router';
import { AppLayout } from './AppLayout';
import { findRoute, prefetchFor } from './routes';

export function App() {
  const client = useQueryClient();
  // Once, on the first render: the page's own data is requested alongside /api/me.
  useState(() => prefetchFor(window.location.pathname, client));
  const me = useMe();
  if (me.isPending) return <LoadingScreen label="Loading Unbuilt…" />;
  if (me.isError) return <StartupError error={me.error} retry={() => void me.refetch()} retrying={me.isFetching} />;
  if (me.data === null) return <SignedOutApp />;
  return (
    <LiveProvider key={me.data.id}>
      <SignedInApp user={me.data} />
    </LiveProvider>
  );
}

/** Signed out: sign-up and invitation links have pages of their own; any other URL shows the sign-in page. */
function SignedOutApp() {
  const pathname = usePathname();
  const firstRender = useRef(true);

  // After a client-side navigation (sign-in to sign-up, say), focus goes to the new page's heading, as in AppLayout.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.querySelector<HTMLElement>('#main h1')?.focus();
  }, [pathname]);

  if (pathname === SIGN_UP_PATH) return <SignUpPage />;
  const invitation = matchPath(INVITATION_PATH, pathname);
  if (invitation) return <InvitationPage token={invitation['token'] ?? ''} user={null} />;
  return <SignInPage />;
}

function SignedInApp({ user }: { user: User }) {
  const pathname = usePathname();
  const features = useFeatures();
  const found = findRoute(pathname, user);
  const Page = found?.route.page;
  const feature = found?.route.feature;
  // A failed check shows the page anyway: its own calls will say what is wrong.
  // While the answer is on its way the page shows (its calls are refused anyway if the feature is off).
  const closed = feature !== undefined && features.data !== undefined && !features.data.includes(feature);
  // Features seen on during this visit: one that goes off after that was rolled back, not not-yet-rolled-out.
  // (State adjusted while rendering, as React documents for values derived from earlier renders.)
  const [seenOn, setSeenOn] = useState<readonly string[]>([]);
  const fresh = (features.data ?? []).filter((name) => !seenOn.includes(name));
  if (fresh.length > 0) setSeenOn([...seenOn, ...fresh]);
  return (
    <AppLayout user={user}>
      {!Page || !found ? (
        <NotFoundPage />
      ) : closed ? (
        <FeatureUnavailable rolledBack={seenOn.includes(feature)} />
      ) : (
        <Suspense fallback={<Loading />}>
          <Page user={user} params={found.params} />
        </Suspense>
      )}
    </AppLayout>
  );
}

function StartupError({ error, retry, retrying }: { error: unknown; retry: () => void; retrying: boolean }) {
  return (
    <main className="centered" id="main">
      <div className="card stack">
        <h1 className="page-title">Unbuilt could not start</h1>
        <ErrorMessage error={error} />
        <button type="button" className="button button--primary" onClick={retry} disabled={retrying}>
          Try again
        </button>
      </div>
    </main>
  );
}
