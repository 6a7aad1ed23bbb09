// Changes to a plan. Edits the user expects to see at once (status, fields, moves, deletes) are optimistic:
// pending operations are drawn over the plan until the server confirms them. Every change, optimistic or not,
// resolves only when the cached plan has reached the version it was committed at (its live echo, or a catch-up),
// so the pending layer is dropped exactly when the confirmed plan already shows the change: nothing flickers and
// nothing applies twice. Changes to one plan go out one at a time, in the order the user made them.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { api, type Versioned } from '../api/client';
import { newOperationId } from '../api/operationId';
import { rememberOwn } from '../live/ownOperations';
import { waitForVersion } from '../live/planSync';
import type { PendingOp, PlanOp } from './optimistic';
import { plansKey } from './queries';

const opKey = (planId: number) => ['plan', planId, 'op'] as const;
const scope = (planId: number) => ({ id: `plan-${planId}` });

function send(op: PlanOp, operationId: string): Promise<Versioned<unknown>> {
  const options = { operationId };
  switch (op.kind) {
    case 'updateTask':
      return api.updateTask(op.taskId, op.patch, options);
    case 'moveTask':
      return api.moveTask(op.taskId, op.phaseId, op.afterTaskId, options);
    case 'deleteTask':
      return api.deleteTask(op.taskId, options);
  }
}

export type Command = (operationId: string) => Promise<Versioned<unknown>>;

export interface PlanOpsHandlers {
  /** An optimistic operation failed and has been rolled back. */
  onOpFailed: (error: unknown, op: PlanOp) => void;
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
    onError: (error, { op }) => latest.current.onOpFailed(error, op),
  });

  /** A change that is not drawn in advance (add a task, link tasks, undo): the caller shows its progress. */
  const command = useMutation({
    scope: scope(planId),
    mutationFn: async (run: Command) => {
      const operationId = newOperationId();
      rememberOwn(operationId);
      await settle(await run(operationId));
    },
  });

  return {
    apply: (op: PlanOp) => ops.mutate({ operationId: newOperationId(), op }),
    run: (run: Command) => command.mutateAsync(run),
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
