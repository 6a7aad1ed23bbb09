import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import type { User } from '../api/client';
import { useMe } from '../auth/session';
import { ErrorMessage } from '../components/ErrorMessage';
import { FeatureUnavailable } from '../components/FeatureUnavailable';
import { Loading } from '../components/Loading';
import { LoadingScreen } from '../components/LoadingScreen';
import { useFeatures } from '../live/features';
import { LiveProvider } from '../live/LiveProvider';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { usePathname } from '../router/router';
import { AppLayout } from './AppLayout';
import { findRoute, prefetchFor } from './routes';

export function App() {
  const client = useQueryClient();
  // Once, on the first render: the page's own data is requested alongside /api/me.
  useState(() => prefetchFor(window.location.pathname, client));
  const me = useMe();
  if (me.isPending) return <LoadingScreen label="Loading Unbuilt…" />;
  if (me.isError) return <StartupError error={me.error} retry={() => void me.refetch()} retrying={me.isFetching} />;
  if (me.data === null) return <SignInPage />;
  return (
    <LiveProvider key={me.data.id}>
      <SignedInApp user={me.data} />
    </LiveProvider>
  );
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
  return (
    <AppLayout user={user}>
      {!Page || !found ? (
        <NotFoundPage />
      ) : closed ? (
        <FeatureUnavailable />
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
