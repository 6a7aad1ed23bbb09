import { useState } from 'react';
import { api, isApiError, type ExportFormat } from '../../api/client';
import type { Toast } from '../../components/Toasts';
import type { Plan, Prerequisite, Task, TaskConflict, TaskPatch, TaskStatus } from '../../api/types';
import { findTask, isDone } from '../../plans/derive';
import type { PlanOp } from '../../plans/optimistic';
import { usePlanOps, type Command } from '../../plans/usePlanOps';
import { saveFile } from './saveFile';

export type PlanDialog =
  | { kind: 'move'; taskId: number }
  | { kind: 'dependencies'; taskId: number }
  | { kind: 'blocked'; taskId: number; prerequisites: Prerequisite[] }
  | { kind: 'share' }
  | { kind: 'leave' };

function detailOf(error: unknown): string {
  if (isApiError(error)) return error.detail ?? error.title;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** A change the server refused, shown at its task until a later change of that task succeeds. */
export interface TaskFailure {
  op: PlanOp;
  text: string;
}

/** Someone else changed a field this edit changes meanwhile: the server's version, and what the user sent. */
export interface OpenConflict extends TaskConflict {
  taskId: number;
  patch: TaskPatch;
  base: TaskPatch;
}

export function conflictOf(error: unknown): TaskConflict | undefined {
  if (!isApiError(error, 409)) return undefined;
  const { current, conflicts } = error.problem;
  if (!current || typeof current !== 'object' || !Array.isArray(conflicts)) return undefined;
  return { current: current as TaskConflict['current'], conflicts: conflicts.filter((c): c is string => typeof c === 'string') };
}

let toastCount = 0;
const DELETE_TOAST_MS = 6000;
const INFO_TOAST_MS = 5000;

function describeOp(op: PlanOp, plan: Plan | undefined): string {
  const title = plan ? findTask(plan, op.taskId)?.title : undefined;
  const name = title ? `“${title}”` : 'the task';
  if (op.kind === 'moveTask') return `move ${name}`;
  if (op.kind === 'deleteTask') return `delete ${name}`;
  return `save ${name}`;
}

/** Everything the plan page can do, with the messages and dialogs that go with it. */
export function usePlanActions(planId: number, plan: Plan | undefined) {
  const [dialog, setDialog] = useState<PlanDialog | null>(null);
  const [failures, setFailures] = useState<ReadonlyMap<number, TaskFailure>>(new Map());
  const [conflict, setConflict] = useState<OpenConflict | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);

  const showToast = (toast: Omit<Toast, 'id'> & { id?: string }) => {
    const id = toast.id ?? `toast-${++toastCount}`;
    setToasts((current) => [...current.filter((t) => t.id !== id), { ...toast, id }]);
  };
  const dismissToast = (id: string) => setToasts((current) => current.filter((t) => t.id !== id));
  const failureToastId = (taskId: number) => `failed-${taskId}`;
  const clearFailure = (taskId: number) => {
    setFailures((current) => {
      if (!current.has(taskId)) return current;
      const next = new Map(current);
      next.delete(taskId);
      return next;
    });
    dismissToast(failureToastId(taskId));
  };

  const { apply, run, running } = usePlanOps(planId, {
    onOpFailed: (error, op) => {
      const prerequisites = isApiError(error, 409) ? error.problem['prerequisites'] : undefined;
      if (op.kind === 'updateTask' && Array.isArray(prerequisites)) {
        setDialog({ kind: 'blocked', taskId: op.taskId, prerequisites: prerequisites as Prerequisite[] });
        return;
      }
      const conflicting = op.kind === 'updateTask' && op.base ? conflictOf(error) : undefined;
      if (conflicting && op.kind === 'updateTask') {
        setConflict({ ...conflicting, taskId: op.taskId, patch: op.patch, base: op.base ?? {} });
        return;
      }
      const text = `Could not ${describeOp(op, plan)}: ${detailOf(error)}`;
      setFailures((current) => new Map(current).set(op.taskId, { op, text }));
      showToast({
        id: failureToastId(op.taskId),
        tone: 'error',
        text: `${text} Your change has been undone.`,
        action: { label: 'Retry', run: () => retry(op) },
      });
    },
    onOpSucceeded: (op) => clearFailure(op.taskId),
  });

  /** Sends a refused change again, as a new operation (the server never applied the first one). */
  const retry = (op: PlanOp) => {
    clearFailure(op.taskId);
    apply(op);
  };

  /**
   * A change drawn only once the server has it. A refusal shows in a toast within the viewport, with Retry (sent
   * as a new operation: the server applied nothing); with `quietConflict`, a 409 is information ("nothing to
   * undo"), not an error, and has nothing to retry. A later success of the same kind of change clears it.
   */
  const command = async (what: string, send: Command, quietConflict = false): Promise<boolean> => {
    const id = `command-${what}`;
    try {
      await run(send);
      dismissToast(id);
      return true;
    } catch (error) {
      const quiet = quietConflict && isApiError(error, 409);
      showToast({
        id,
        tone: quiet ? 'info' : 'error',
        text: `${what}: ${detailOf(error)}`,
        timeoutMs: quiet ? INFO_TOAST_MS : undefined,
        action: quiet ? undefined : { label: 'Retry', run: () => void command(what, send, quietConflict) },
      });
      return false;
    }
  };

  const undo = () => command('Nothing undone', (operationId) => api.undo(planId, { operationId }), true);

  const incompletePrerequisites = (task: Task): Prerequisite[] =>
    task.prerequisiteIds
      .map((id) => (plan ? findTask(plan, id) : undefined))
      .filter((t): t is Task => t !== undefined && !isDone(t.status))
      .map((t) => ({ id: t.id, title: t.title, status: t.status }));

  const setStatus = (task: Task, status: TaskStatus, override = false) =>
    apply({ kind: 'updateTask', taskId: task.id, patch: override ? { status, override } : { status } });

  return {
    failures,
    retry,
    toasts,
    dismissToast,
    conflict,
    closeConflict: () => setConflict(null),
    showToast,
    command,
    dialog,
    openDialog: setDialog,
    closeDialog: () => setDialog(null),
    busy: running,

    toggleComplete(task: Task, done: boolean) {
      if (!done) return setStatus(task, 'notStarted');
      const waiting = incompletePrerequisites(task);
      if (waiting.length > 0) setDialog({ kind: 'blocked', taskId: task.id, prerequisites: waiting });
      else setStatus(task, 'completed');
    },
    completeAnyway(taskId: number) {
      setDialog(null);
      const task = plan ? findTask(plan, taskId) : undefined;
      if (task) setStatus(task, 'completed', true);
    },
    setStatus,
    saveTask: (task: Task, patch: TaskPatch, base?: TaskPatch) => {
      setConflict((open) => (open?.taskId === task.id ? null : open));
      apply(base ? { kind: 'updateTask', taskId: task.id, patch, base } : { kind: 'updateTask', taskId: task.id, patch });
    },
    deleteTask: (task: Task) => {
      apply({ kind: 'deleteTask', taskId: task.id });
      showToast({
        tone: 'info',
        text: `Deleted “${task.title}”`,
        timeoutMs: DELETE_TOAST_MS,
        action: { label: 'Undo', run: () => void undo() },
      });
    },
    moveTask: (taskId: number, phaseId: number, afterTaskId: number | null) =>
      apply({ kind: 'moveTask', taskId, phaseId, afterTaskId }),
    addTask: (phaseId: number, title: string) =>
      command('Could not add the task', (operationId) => api.createTask(planId, { phaseId, title }, { operationId })),
    setDependency: (taskId: number, prerequisiteId: number, on: boolean) =>
      command(on ? 'Could not link the tasks' : 'Could not unlink the tasks', (operationId) =>
        on
          ? api.addDependency(taskId, prerequisiteId, { operationId })
          : api.removeDependency(taskId, prerequisiteId, { operationId })),
    undo,
    redo: () => command('Nothing redone', (operationId) => api.redo(planId, { operationId }), true),
    async exportAs(format: ExportFormat) {
      try {
        const file = await api.exportPlan(planId, format);
        saveFile(file.blob, file.filename);
      } catch (error) {
        showToast({ id: 'export', tone: 'error', text: `Could not export the plan: ${detailOf(error)}` });
      }
    },
  };
}

export type PlanActions = ReturnType<typeof usePlanActions>;
