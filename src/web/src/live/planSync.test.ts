import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../api/types';
import { findTask } from '../plans/derive';
import { change, rowOf, samplePlan } from '../test/plans';
import { fakeServer, json } from '../test/server';
import { catchUp, planKey, receiveChange, setJoined, waitForVersion } from './planSync';

function clientWith(plan: Plan) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(planKey(plan.id), plan);
  return client;
}

function rename(plan: Plan, version: number, title: string) {
  const before = rowOf(findTask(plan, 2)!);
  return change(version, [{ action: 'task.updated', taskId: 2, before, after: { ...before, title }, note: null }]);
}

const cachedPlan = (client: QueryClient) => client.getQueryData<Plan>(planKey(1))!;

describe('plan sync', () => {
  it('applies the next version and ignores a duplicate', () => {
    const plan = samplePlan();
    const client = clientWith(plan);

    expect(receiveChange(client, rename(plan, 6, 'Six'))).toHaveLength(1);
    expect(receiveChange(client, rename(plan, 6, 'Again'))).toHaveLength(0);

    expect(cachedPlan(client).version).toBe(6);
    expect(findTask(cachedPlan(client), 2)?.title).toBe('Six');
  });

  it('fills a gap from /changes, then applies what arrived while it was filling', async () => {
    const plan = samplePlan();
    const client = clientWith(plan);
    let answer: (response: Response) => void = () => {};
    const fetchMock = fakeServer({ 'GET /api/plans/1/changes?since=5': () => new Promise<Response>((resolve) => (answer = resolve)) });

    receiveChange(client, rename(plan, 7, 'Seven'));
    receiveChange(client, rename(plan, 8, 'Eight'));
    expect(cachedPlan(client).version).toBe(5);
    answer(json(200, { planId: 1, version: 7, changes: [rename(plan, 6, 'Six'), rename(plan, 7, 'Seven')], hasMore: false }));
    await catchUp(client, 1);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(cachedPlan(client).version).toBe(8);
    expect(findTask(cachedPlan(client), 2)?.title).toBe('Eight');
  });

  it('refetches the whole plan when a change cannot be applied', async () => {
    const plan = samplePlan();
    const client = clientWith(plan);
    fakeServer({ 'GET /api/plans/1': () => json(200, { ...plan, version: 9, title: 'Fresh' }) });
    // The plan page watches the plan; a refetch is for watched plans.
    const unsubscribe = new QueryObserver(client, {
      queryKey: planKey(1), queryFn: async () => (await fetch('/api/plans/1')).json() as Promise<Plan>, staleTime: Infinity,
    }).subscribe(() => {});

    receiveChange(client, change(6, [{ action: 'phase.created', taskId: null, before: null, after: null, note: null }]));

    await expect.poll(() => cachedPlan(client).title).toBe('Fresh');
    unsubscribe();
  });

  it('waits for the live echo of a change when joined, and catches up when not', async () => {
    const plan = samplePlan();
    const client = clientWith(plan);
    setJoined(1, true);
    let done = false;
    const waiting = waitForVersion(client, 1, 6).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    receiveChange(client, rename(plan, 6, 'Echo'));
    await waiting;
    expect(done).toBe(true);

    setJoined(1, false);
    fakeServer({ 'GET /api/plans/1/changes?since=6': () => json(200, { planId: 1, version: 7, changes: [rename(plan, 7, 'Fetched')], hasMore: false }) });
    await waitForVersion(client, 1, 7);
    expect(findTask(cachedPlan(client), 2)?.title).toBe('Fetched');
  });
});
