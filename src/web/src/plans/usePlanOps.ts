// Changes to a plan. Edits the user expects to see at once (status, fields, moves, deletes) are optimistic:
// pending operations are drawn over the plan until the server confirms them. Every change, optimistic or not,
// resolves only when the cached plan has reached the version it was committed at (its live echo, or a catch-up),
// so the pending layer is dropped exactly when the confirmed plan already shows the change: nothing flickers and
// nothing applies twice. Changes to one plan go out one at a time, in the order the user made them.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { api, isApiError, type Versioned } from '../api/client';
import { newOperationId } from '../api/operationId';
import { rememberOwn } from '../live/ownOperations';
import { waitForVersion } from '../live/planSync';
import type { PendingOp, PlanOp } from './optimistic';
import { plansKey } from './queries';

const opKey = (planId: number) => ['plan', planId, 'op'] as const;
const commandKey = (planId: number) => ['plan', planId, 'command'] as const;
const scope = (planId: number) => ({ id: `plan-${planId}` });

function send(op: PlanOp, operationId: string): Promise<Versioned<unknown>> {
  const options = { operationId };
  switch (op.kind) {
    case 'updateTask':
      return api.updateTask(op.taskId, op.base ? { ...op.patch, base: op.base } : op.patch, options);
    case 'moveTask':
      return api.moveTask(op.taskId, op.phaseId, op.afterTaskId, options);
    case 'deleteTask':
      return api.deleteTask(op.taskId, options);
  }
}

/**
 * A request that never reached the server (offline, the server restarting) is sent again, with the same
 * X-Operation-Id, so the server applies it once however often it arrives. While the browser is offline TanStack
 * Query pauses the retry and resumes it when the connection returns; the changes queue in order (one scope per plan).
 */
export const retryUnsent = (_failures: number, error: unknown) => isApiError(error, 0);
export const retryDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 15_000);

export type Command = (operationId: string) => Promise<Versioned<unknown>>;

export interface PlanOpsHandlers {
  /** An optimistic operation failed and has been rolled back. */
  onOpFailed: (error: unknown, op: PlanOp) => void;
  /** The server confirmed an optimistic operation. */
  onOpSucceeded?: (op: PlanOp) => void;
}

export function usePlanOps(planId: number, handlers: PlanOpsHandlers) {
  const client = useQueryClient();
  // The handlers of the last render, for a mutation that settles later; kept up to date once a render commits.
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });

  const settle = async (sent: Versioned<unknown>) => {
    if (sent.version !== undefined) await waitForVersion(client, planId, sent.version);
    void client.invalidateQueries({ queryKey: plansKey });
  };

  const ops = useMutation({
    mutationKey: opKey(planId),
    scope: scope(planId),
    mutationFn: async ({ operationId, op }: PendingOp) => {
      rememberOwn(operationId);
      await settle(await send(op, operationId));
    },
    retry: retryUnsent,
    retryDelay,
    onSuccess: (_data, { op }) => latest.current.onOpSucceeded?.(op),
    onError: (error, { op }) => latest.current.onOpFailed(error, op),
  });

  /** A change that is not drawn in advance (add a task, link tasks, undo): the caller shows its progress. */
  const command = useMutation({
    mutationKey: commandKey(planId),
    scope: scope(planId),
    mutationFn: async ({ operationId, run }: { operationId: string; run: Command }) => {
      rememberOwn(operationId);
      await settle(await run(operationId));
    },
    retry: retryUnsent,
    retryDelay,
  });

  return {
    apply: (op: PlanOp) => ops.mutate({ operationId: newOperationId(), op }),
    run: (run: Command) => command.mutateAsync({ operationId: newOperationId(), run }),
    running: command.isPending,
  };
}

/**
 * The operations sent but not yet confirmed, oldest first. Read from the mutation cache's own listeners, which run
 * at once, rather than through useMutationState, whose notifications come a macrotask later: the overlay must be in
 * the render of the click that made it, or a controlled checkbox flips back for a moment (and a dropped task shows
 * in its old place) before the change appears.
 */
export function usePendingOps(planId: number): PendingOp[] {
  const cache = useQueryClient().getMutationCache();
  const last = useRef<PendingOp[]>([]);
  const read = useCallback(() => {
    const next = cache.findAll({ mutationKey: opKey(planId), status: 'pending' }).map((m) => m.state.variables as PendingOp);
    const prev = last.current;
    if (next.length !== prev.length || next.some((op, i) => op !== prev[i])) last.current = next;
    return last.current;
  }, [cache, planId]);
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  return useSyncExternalStore(subscribe, read);
}

/** How many changes to this plan are sent but not yet confirmed (optimistic or not), including those queued offline. */
export function usePendingCount(planId: number): number {
  const cache = useQueryClient().getMutationCache();
  const read = useCallback(
    () => cache.findAll({ predicate: (m) => m.options.scope?.id === scope(planId).id, status: 'pending' }).length,
    [cache, planId],
  );
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  return useSyncExternalStore(subscribe, read);
}
