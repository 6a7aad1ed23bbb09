import type { WebhookDelivery } from '../../api/client';

export const webhooksKey = ['admin', 'webhooks'] as const;
export const deliveriesKey = (id: number) => ['admin', 'webhooks', id, 'deliveries'] as const;

export type WebhookFormat = 'generic' | 'slack' | 'pagerduty';

export const FORMATS: readonly { value: WebhookFormat; label: string }[] = [
  { value: 'generic', label: 'Generic JSON (signed)' },
  { value: 'slack', label: 'Slack incoming webhook' },
  { value: 'pagerduty', label: 'PagerDuty Events API v2' },
];

export const EVENTS: readonly { value: string; label: string }[] = [
  { value: 'flag.changed', label: 'A flag changed' },
  { value: 'guard.acted', label: 'The rollout guard acted' },
  { value: 'alert.raised', label: 'An alert started' },
  { value: 'alert.resolved', label: 'An alert ended' },
];

/** PagerDuty takes incidents only: a flag change is not one. */
export function eventsFor(format: string): string[] {
  const all = EVENTS.map((e) => e.value);
  return format === 'pagerduty' ? all.filter((e) => e !== 'flag.changed') : all;
}

export function formatLabel(format: string): string {
  return FORMATS.find((f) => f.value === format)?.label ?? format;
}

/** What the receiver said last, in words. */
export function answerText(delivery: WebhookDelivery): string {
  if (delivery.error) return delivery.error;
  if (delivery.statusCode !== null) return `HTTP ${delivery.statusCode}`;
  return delivery.status === 'pending' ? 'Not sent yet' : '–';
}

export function when(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
