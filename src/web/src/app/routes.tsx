import type { QueryClient } from '@tanstack/react-query';
import { lazy, type ComponentType } from 'react';
import type { User } from '../api/client';
import { INVITATION_PATH, SIGN_IN_PATH, SIGN_UP_PATH } from '../auth/returnPath';
import { PLANS_FEATURE } from '../live/features';
import { planQuery } from '../plans/queries';
import { AdminPage } from '../pages/admin/AdminPage';
import { HomePage } from '../pages/home/HomePage';
import { InvitationRoute } from '../pages/invitation/InvitationPage';
import { PlanPage } from '../pages/plan/PlanPage';
import { PlansPage } from '../pages/plans/PlansPage';
import { SearchHistoryPage } from '../pages/search-history/SearchHistoryPage';
import { SearchPage } from '../pages/search/SearchPage';
import { ReturnAfterSignIn } from '../pages/sign-in/ReturnAfterSignIn';
import { matchPath, type Params } from '../router/router';

export interface PageProps {
  user: User;
  params: Params;
}

export interface AppRoute {
  path: string;
  page: ComponentType<PageProps>;
  /** Label in the main navigation; routes without one are reached by links (e.g. one plan). */
  nav?: string;
  adminOnly?: boolean;
  /** The feature flag the page belongs to: hidden from the nav, and a calm notice instead, while it is off. */
  feature?: string;
  /** Starts the page's main request when the app opens on this URL, alongside /api/me instead of after it. */
  prefetch?: (client: QueryClient, params: Params) => void;
}

// The admin pages carry the chart library: loaded only when an admin opens them.
const FlagsPage = lazy(() => import('../pages/admin-flags/FlagsPage').then((m) => ({ default: m.FlagsPage })));
const FlagPage = lazy(() => import('../pages/admin-flag/FlagPage').then((m) => ({ default: m.FlagPage })));
const MonitoringPage = lazy(() => import('../pages/admin-monitoring/MonitoringPage').then((m) => ({ default: m.MonitoringPage })));
const WebhooksPage = lazy(() => import('../pages/admin-webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const SegmentsPage = lazy(() => import('../pages/admin-segments/SegmentsPage').then((m) => ({ default: m.SegmentsPage })));

// Every page of the signed-in app, in navigation order. The server answers index.html for any non-API path, so
// each of these URLs can be opened directly.
export const routes: readonly AppRoute[] = [
  { path: '/', page: HomePage, nav: 'Home' },
  // Search is open to every signed-in user; only the plan pages follow the action-plans flag.
  { path: '/search', page: SearchPage, nav: 'Search' },
  { path: '/search/:searchId', page: SearchPage },
  { path: '/searches', page: SearchHistoryPage },
  { path: '/plans', page: PlansPage, nav: 'Plans', feature: PLANS_FEATURE },
  {
    path: '/plans/:planId',
    page: PlanPage,
    feature: PLANS_FEATURE,
    prefetch: (client, { planId }) => void client.prefetchQuery(planQuery(Number(planId))),
  },
  { path: INVITATION_PATH, page: InvitationRoute, feature: PLANS_FEATURE },
  // Signed out, these are the sign-in and sign-up pages (see App); once signed in, they lead on to ?next=.
  { path: SIGN_IN_PATH, page: ReturnAfterSignIn },
  { path: SIGN_UP_PATH, page: ReturnAfterSignIn },
  { path: '/admin', page: AdminPage, nav: 'Admin', adminOnly: true },
  { path: '/admin/flags', page: FlagsPage, adminOnly: true },
  { path: '/admin/flags/:name', page: FlagPage, adminOnly: true },
  { path: '/admin/monitoring', page: MonitoringPage, adminOnly: true },
  { path: '/admin/webhooks', page: WebhooksPage, adminOnly: true },
  { path: '/admin/segments', page: SegmentsPage, adminOnly: true },
];

export function canSee(route: AppRoute, user: User) {
  return !route.adminOnly || user.role === 'admin';
}

/** Starts the main request of the page at `pathname`, before anyone knows who is signed in (see `prefetch`). */
export function prefetchFor(pathname: string, client: QueryClient) {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return route.prefetch?.(client, params);
  }
}

/** The route for a path as this user may see it; an admin page is simply not there for anyone else. */
export function findRoute(pathname: string, user: User): { route: AppRoute; params: Params } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params && canSee(route, user)) return { route, params };
  }
  return null;
}
