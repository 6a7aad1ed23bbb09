// Keeps the cached plan (['plan', id]) in step with the server, by version: live changes apply in order, stale
// and duplicate ones are dropped, and a gap is filled from GET /changes?since=v. Changes that arrive while a
// catch-up runs wait in a buffer and are merged after it.
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Plan, PlanChange } from '../api/types';
import { mergeChanges, UnknownChangeError } from '../plans/changes';

export const planKey = (planId: number) => ['plan', planId] as const;

const buffers = new Map<number, PlanChange[]>();
const catchUps = new Map<number, Promise<void>>();
/** Plans this page receives live changes for (joined on the hub). */
const joined = new Set<number>();

export function setJoined(planId: number, isJoined: boolean) {
  if (isJoined) joined.add(planId);
  else joined.delete(planId);
}

export function isJoined(planId: number) {
  return joined.has(planId);
}

function cached(client: QueryClient, planId: number) {
  return client.getQueryData<Plan>(planKey(planId));
}

/** Merges changes into the cached plan; true when they leave a gap that a catch-up must fill. */
function merge(client: QueryClient, planId: number, changes: readonly PlanChange[]): { applied: PlanChange[]; gap: boolean } {
  const plan = cached(client, planId);
  if (!plan) return { applied: [], gap: false };
  const result = mergeChanges(plan, changes);
  if (result.applied.length > 0) client.setQueryData(planKey(planId), result.plan);
  return { applied: result.applied, gap: result.gapFrom !== undefined };
}

/** Drops what was buffered and fetches the whole plan afresh (a change it cannot apply, or too much missed). */
export function reloadPlan(client: QueryClient, planId: number) {
  buffers.delete(planId);
  return client.invalidateQueries({ queryKey: planKey(planId), exact: true });
}

/** One live change. Returns the changes it applied (more than one when it closed a buffered run). */
export function receiveChange(client: QueryClient, change: PlanChange): PlanChange[] {
  try {
    if (catchUps.has(change.planId)) {
      buffers.set(change.planId, [...(buffers.get(change.planId) ?? []), change]);
      return [];
    }
    const { applied, gap } = merge(client, change.planId, [change]);
    if (gap) {
      buffers.set(change.planId, [...(buffers.get(change.planId) ?? []), change]);
      void catchUp(client, change.planId);
    }
    return applied;
  } catch (error) {
    if (!(error instanceof UnknownChangeError)) throw error;
    void reloadPlan(client, change.planId);
    return [];
  }
}

/** Fetches every change after the cached version and applies it; on any failure, refetches the whole plan. */
export function catchUp(client: QueryClient, planId: number): Promise<void> {
  const running = catchUps.get(planId);
  if (running) return running;
  const run = (async () => {
    try {
      for (let page = 0; page < 100; page++) {
        const plan = cached(client, planId);
        if (!plan) return;
        const feed = await api.changes(planId, plan.version);
        const buffered = buffers.get(planId) ?? [];
        const { gap } = merge(client, planId, [...feed.changes, ...buffered]);
        const version = cached(client, planId)?.version ?? 0;
        buffers.set(planId, buffered.filter((c) => c.version > version));
        if (!feed.hasMore && !gap) return;
      }
      throw new Error('The changes feed did not end.');
    } catch {
      await reloadPlan(client, planId);
    } finally {
      catchUps.delete(planId);
    }
  })();
  catchUps.set(planId, run);
  return run;
}

const ECHO_WAIT_MS = 1500;

/**
 * Resolves once the cached plan has reached `version` (the version a change of ours was committed at): its live
 * echo normally brings it within milliseconds; without a live connection, or if the echo is late, a catch-up does.
 */
export function waitForVersion(client: QueryClient, planId: number, version: number): Promise<void> {
  const reached = () => (cached(client, planId)?.version ?? Number.POSITIVE_INFINITY) >= version;
  if (reached()) return Promise.resolve();
  if (!isJoined(planId)) return catchUp(client, planId);
  return new Promise<void>((resolve) => {
    const unsubscribe = client.getQueryCache().subscribe(() => {
      if (reached()) finish();
    });
    const timer = setTimeout(() => {
      unsubscribe();
      void catchUp(client, planId).then(resolve);
    }, ECHO_WAIT_MS);
    function finish() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}

/** Forgets buffered state (tests, sign-out). */
export function resetPlanSync() {
  buffers.clear();
  catchUps.clear();
  joined.clear();
}
