// Admin shapes: feature flags and their rollout, users, monitoring.
import type { Role, Tier } from './types';

export type GuardPolicy = 'alert' | 'step-down' | 'rollback';

export interface HealthGate {
  maxErrorRate: number;
  maxTaskUpdateP95Ms: number | null;
  maxPlanLoadP95Ms: number | null;
}

export interface HealthReading {
  errorRate: number;
  taskUpdateP95Ms: number | null;
  planLoadP95Ms: number | null;
}

export interface Flag {
  name: string;
  description: string;
  enabled: boolean;
  rolloutPercentage: number;
  allowedTiers: Tier[];
  allowedUserIds: number[];
  createdAt: string;
  updatedAt: string;
  phase: string | null;
  phaseStartedAt: string | null;
  guardPolicy: GuardPolicy;
  blockedUserIds: number[];
}

export interface FlagStatus {
  name: string;
  description: string;
  enabled: boolean;
  phase: string | null;
  phaseStartedAt: string | null;
  timeInPhaseSeconds: number | null;
  plannedDurationSeconds: number | null;
  nextPhase: string | null;
  rolloutPercentage: number;
  allowedTiers: Tier[];
  allowedUserIds: number[];
  blockedUserIds: number[];
  createdAt: string;
  updatedAt: string;
  guardPolicy: GuardPolicy;
  phases: string[];
  health: string;
  healthBreaches: string[];
  healthGate: HealthGate | null;
  healthReading: HealthReading | null;
  /** The feature's requests since the phase began; null when no operation is gated by the flag. */
  healthRequests: number | null;
  /** The requests a health reading needs (Unbuilt:Rollout:MinSamples); fewer leave the health "unknown". */
  healthMinSamples: number;
  /** Client errors (4xx) among healthRequests: shown beside the health, never held against the gate. */
  clientErrors: number | null;
  clientErrorRatePercent: number | null;
}

/** Extensions of the 409 a refused advance answers (besides title and detail). */
export interface AdvanceRefusal {
  reasons: string[];
  health: string;
  breaches: string[];
  requests: number | null;
  requestsNeeded: number;
  plannedDurationSeconds: number | null;
  remainingSeconds: number;
}

export interface FlagPatch {
  enabled?: boolean;
  rolloutPercentage?: number;
  allowedTiers?: Tier[];
  guardPolicy?: GuardPolicy;
  reason?: string;
}

export interface FlagChange {
  id: number;
  action: string;
  actor: string;
  actorUserId: number | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface Evaluation {
  flag: string;
  userId: number;
  tier: Tier;
  enabled: boolean;
  reason: string;
  bucket: number;
}

export interface AdminUser {
  id: number;
  email: string;
  displayName: string;
  tier: Tier;
  role: Role;
  createdAt: string;
}

export type MetricsWindow = '15m' | '1h' | '24h';

export interface OperationStats {
  operation: string;
  count: number;
  errors: number;
  errorRatePercent: number;
  /** Answers with status 400–499: the caller's mistakes, counted apart from the errors (5xx) and never alerted on. */
  clientErrors: number;
  clientErrorRatePercent: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface Alert {
  name: string;
  scope: string | null;
  value: number;
  threshold: number;
  unit: string;
  message: string;
}

export interface FeatureAdoption {
  flag: string;
  enabled: boolean;
  rolloutPercentage: number;
  activeUsers: number;
  usersWithFeature: number;
  adoptionRatePercent: number;
}

export interface Metrics {
  window: MetricsWindow;
  from: string;
  to: string;
  operations: OperationStats[];
  total: OperationStats;
  webSockets: { connections: number; connected: number; disconnected: number; dropped: number; disconnectRatePercent: number };
  database: { commands: number; p95Ms: number | null; maxMs: number | null };
  flagCache: { flags: number; reloads: number; lastReloadedAt: string | null };
  adoption: FeatureAdoption[];
  plans: {
    usersWithPlans: number;
    plans: number;
    avgTasksPerPlan: number | null;
    tasks: number;
    completedTasks: number;
    taskCompletionRatePercent: number | null;
  };
  alerts: Alert[];
  telemetry: { eventsDropped: number; eventsPending: number };
}

export interface Alerts {
  evaluatedAt: string;
  windowSeconds: number;
  thresholds: {
    errorRatePercent: number;
    apiP95Ms: number;
    taskUpdateP95Ms: number;
    dbQueryMs: number;
    webSocketDisconnectRatePercent: number;
    minSamples: number;
  };
  alerts: Alert[];
}
