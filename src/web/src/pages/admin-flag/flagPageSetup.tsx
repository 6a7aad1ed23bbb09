// The flag page as its tests render it: a flag in beta, its history and users, a rollout without a schedule.
import type { FlagStatus, Schedule } from '../../api/adminTypes';
import { renderWithClient } from '../../test/render';
import { ada, fakeServer, json, urlOf } from '../../test/server';
import { FlagPage } from './FlagPage';

export const status: FlagStatus = {
  name: 'action_plan_customization', description: 'Action plans.', enabled: true, phase: 'beta',
  phaseStartedAt: '2025-02-01T00:00:00Z', timeInPhaseSeconds: 90_000, plannedDurationSeconds: 604_800,
  nextPhase: 'expanded', rolloutPercentage: 10, allowedTiers: ['pro', 'enterprise'], allowedUserIds: [2],
  blockedUserIds: [], createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-02-01T00:00:00Z', guardPolicy: 'alert',
  phases: ['init', 'internal', 'beta', 'expanded', 'general'], health: 'healthy', healthBreaches: [],
  healthGate: null, healthReading: null, healthRequests: 240, healthMinSamples: 100, clientErrors: 12,
  clientErrorRatePercent: 5, criteria: null, segments: [],
};
const flag = {
  name: 'action_plan_customization', description: 'Action plans.', enabled: true, rolloutPercentage: 10,
  allowedTiers: ['pro', 'enterprise'], allowedUserIds: [2], createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-02-01T00:00:00Z',
  phase: 'beta', phaseStartedAt: '2025-02-01T00:00:00Z', guardPolicy: 'alert', blockedUserIds: [], rolloutPlan: null,
  state: 'on', archivedAt: null, lastEvaluatedAt: null, steadySince: null, readyToRemove: false,
};
const users = [
  { id: 2, email: 'grace@example.com', displayName: 'Grace', tier: 'pro', role: 'user', createdAt: '' },
  { id: 3, email: 'alan@example.com', displayName: 'Alan', tier: 'free', role: 'user', createdAt: '' },
];
export const base = '/api/feature-flags/action_plan_customization';
export const manualSchedule = {
  name: 'action_plan_customization', phase: 'beta', scheduled: false, until: null, guardEnabled: true,
  checkIntervalSeconds: 60, waitingFor: [],
  steps: [
    { phase: 'init', enabled: false, rolloutPercentage: 0, allowedTiers: [], state: 'done', plannedDurationSeconds: null, startedAt: null, earliestAt: null, scheduled: false, segments: [] },
    { phase: 'internal', enabled: true, rolloutPercentage: 0, allowedTiers: [], state: 'done', plannedDurationSeconds: 259_200, startedAt: null, earliestAt: null, scheduled: false, segments: ['staff'] },
    { phase: 'beta', enabled: true, rolloutPercentage: 10, allowedTiers: ['pro', 'enterprise'], state: 'current', plannedDurationSeconds: 604_800, startedAt: '2025-02-01T00:00:00Z', earliestAt: null, scheduled: false, segments: [] },
    { phase: 'expanded', enabled: true, rolloutPercentage: 50, allowedTiers: ['pro', 'enterprise'], state: 'next', plannedDurationSeconds: 604_800, startedAt: null, earliestAt: '2025-02-08T00:00:27Z', scheduled: false, segments: [] },
    { phase: 'general', enabled: true, rolloutPercentage: 100, allowedTiers: [], state: 'later', plannedDurationSeconds: null, startedAt: null, earliestAt: '2025-02-15T00:00:00Z', scheduled: false, segments: [] },
  ],
} satisfies Schedule;

export function renderFlag(routes: Record<string, (init: RequestInit) => Response> = {}, shown: FlagStatus = status) {
  document.cookie = 'unbuilt_csrf=abc; path=/';
  const fetchMock = fakeServer({
    [`GET ${base}/status`]: () => json(200, shown),
    [`GET ${base}/history`]: () => json(200, [{ id: 1, action: 'deploy', actor: 'admin@example.com', actorUserId: 1, reason: 'deploy beta', before: null, after: {}, createdAt: '2025-02-01T00:00:00Z', actorName: null, actorEmail: null, user: null, changes: [] }]),
    [`GET ${base}`]: () => json(200, flag),
    'GET /api/admin/users': () => json(200, users),
    [`GET ${base}/schedule`]: () => json(200, manualSchedule),
    'GET /api/feature-flags/user/features': () => json(200, { features: [] }),
    'GET /api/segments': () => json(200, []),
    ...routes,
  });
  renderWithClient(<FlagPage user={{ ...ada, role: 'admin' }} params={{ name: 'action_plan_customization' }} />);
  return fetchMock;
}

export const calls = (fetchMock: ReturnType<typeof fakeServer>, key: string) =>
  fetchMock.mock.calls.filter(([url, init]) => `${init?.method ?? 'GET'} ${urlOf(url)}` === key);

