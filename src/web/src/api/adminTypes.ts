// Admin shapes: feature flags and their rollout, users, monitoring. Like types.ts, aliases of the server's OpenAPI
// document (schema.d.ts); only what the document cannot say is written by hand.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Flag = Schemas['FlagResponse'];
export type GuardPolicy = Flag['guardPolicy'];
export type HealthGate = Schemas['HealthGate'];
export type HealthReading = Schemas['HealthReading'];
export type FlagStatus = Schemas['FlagStatusResponse'];
export type Schedule = Schemas['ScheduleResponse'];
export type ScheduleStep = Schemas['ScheduleStep'];
export type FlagPatch = Schemas['PatchFlagRequest'];
export type PhaseSegments = Schemas['PhaseSegmentsRequest'];
export type FlagChange = Schemas['FlagChangeResponse'];
export type Evaluation = Schemas['EvaluateResponse'];
export type AdminUser = Schemas['AdminUserResponse'];
export type OperationStats = Schemas['OperationStats'];
export type Alert = Schemas['Alert'];
export type FeatureAdoption = Schemas['FeatureAdoption'];
export type Metrics = Schemas['MetricsResponse'];
export type Alerts = Schemas['AlertsResponse'];
export type Webhook = Schemas['WebhookResponse'];
export type NewWebhook = Schemas['CreateWebhookRequest'];
export type WebhookDelivery = Schemas['WebhookDeliveryResponse'];
export type WebhookDeliveries = Schemas['WebhookDeliveriesResponse'];
export type Segment = Schemas['SegmentResponse'];
export type NewSegment = Schemas['CreateSegmentRequest'];
export type SegmentPatch = Schemas['PatchSegmentRequest'];
export type SegmentChange = Schemas['SegmentChangeResponse'];

/** `window` of GET /api/performance/metrics. */
export type MetricsWindow = '15m' | '1h' | '24h';

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
