import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../api/types';
import { samplePlan } from '../test/plans';
import { applyAccessEnd } from './access';
import { isJoined, planKey, setJoined } from './planSync';

function clientWith(plan: Plan) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(planKey(plan.id), plan);
  return client;
}

const endedOf = (client: QueryClient, planId: number) => client.getQueryData(['access-ended', planId]);

describe('access ended', () => {
  it('remembers a removal and drops the cached plan', () => {
    const plan = samplePlan();
    const client = clientWith(plan);
    setJoined(plan.id, true);

    applyAccessEnd(client, { planId: plan.id, reason: 'removed', message: 'You are no longer a member of this plan.' });

    expect(endedOf(client, plan.id)).toMatchObject({ reason: 'removed' });
    expect(client.getQueryData(planKey(plan.id))).toBeUndefined();
    expect(isJoined(plan.id)).toBe(false);
  });

  it('leaves a feature turned off to the feature gate, so the page comes back with the feature', () => {
    const plan = samplePlan();
    const client = clientWith(plan);
    setJoined(plan.id, true);

    applyAccessEnd(client, { planId: plan.id, reason: 'feature-off', message: 'Action plans are not available to you at the moment.' });

    expect(endedOf(client, plan.id)).toBeUndefined();
    expect(client.getQueryData(planKey(plan.id))).toBeDefined();
    expect(isJoined(plan.id)).toBe(false);
  });
});
