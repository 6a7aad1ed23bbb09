// The one module that calls the server: a typed function per endpoint, over the transport in http.ts.
// Every change to a plan carries X-Operation-Id, so the live echo of the change is recognised as ours.
import type * as Admin from './adminTypes';
import { download, request, requestVersioned, type Versioned } from './http';
import { newOperationId } from './operationId';
import type { components } from './schema';
import type * as T from './types';

export * from './http';
export type * from './types';
export type * from './adminTypes';

export const OPERATION_HEADER = 'X-Operation-Id';

/** The operation id a plan change is sent with; give one to recognise the change when it comes back live. */
export interface ChangeOptions {
  operationId?: string;
}

function change<R>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, options: ChangeOptions = {}) {
  return requestVersioned<R>(method, path, {
    body,
    headers: { [OPERATION_HEADER]: options.operationId ?? newOperationId() },
  });
}

/** A body or an answer the API document names but the app has no name for (one call uses it). */
type Api<K extends keyof components['schemas']> = components['schemas'][K];

const enc = encodeURIComponent;
const flagPath = (name: string) => `/api/feature-flags/${enc(name)}`;

export type { Versioned };

export const api = {
  me: (signal?: AbortSignal) => request<T.User>('GET', '/api/me', { signal }),
  login: (credentials: T.Credentials) => request<T.User>('POST', '/api/auth/login', { body: credentials }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  signUpMode: (signal?: AbortSignal) => request<Api<'SignUpModeResponse'>>('GET', '/api/auth/signup', { signal }),
  signUp: (body: T.SignUp) => request<T.User>('POST', '/api/auth/signup', { body }),

  search: (query: string) => request<T.Search>('POST', '/api/search', { body: { query } satisfies Api<'SearchRequest'> }),
  searches: (signal?: AbortSignal) => request<T.SearchSummary[]>('GET', '/api/searches', { signal }),
  searchById: (id: number, signal?: AbortSignal) => request<T.Search>('GET', `/api/search/${id}`, { signal }),
  /** Removes a search from the history (its results and any plans made from them stay). */
  deleteSearch: (id: number) => request<void>('DELETE', `/api/searches/${id}`),
  templates: (signal?: AbortSignal) => request<T.Template[]>('GET', '/api/templates', { signal }),

  plans: (signal?: AbortSignal) => request<T.PlanSummary[]>('GET', '/api/plans', { signal }),
  plan: (id: number, signal?: AbortSignal) => request<T.Plan>('GET', `/api/plans/${id}`, { signal }),
  createPlan: (body: T.CreatePlan, options?: ChangeOptions) => change<T.Plan>('POST', '/api/plans', body, options),
  updatePlan: (id: number, body: T.PlanPatch, options?: ChangeOptions) =>
    change<T.Plan>('PATCH', `/api/plans/${id}`, body, options),
  deletePlan: (id: number, options?: ChangeOptions) => change<void>('DELETE', `/api/plans/${id}`, undefined, options),
  members: (id: number, signal?: AbortSignal) => request<T.Member[]>('GET', `/api/plans/${id}/members`, { signal }),
  addMember: (id: number, email: string, role: T.MemberRole, options?: ChangeOptions) =>
    change<T.MemberAdded>('POST', `/api/plans/${id}/members`, { email, role } satisfies Api<'AddMemberRequest'>, options),
  removeMember: (id: number, userId: number, options?: ChangeOptions) =>
    change<void>('DELETE', `/api/plans/${id}/members/${userId}`, undefined, options),
  invitations: (id: number, signal?: AbortSignal) =>
    request<T.Invitation[]>('GET', `/api/plans/${id}/invitations`, { signal }),
  createInvitation: (id: number, body: T.NewInvitation) =>
    request<T.CreatedInvitation>('POST', `/api/plans/${id}/invitations`, { body }),
  revokeInvitation: (id: number, invitationId: T.InvitationId) =>
    request<void>('DELETE', `/api/plans/${id}/invitations/${enc(String(invitationId))}`),
  invitation: (token: string, signal?: AbortSignal) =>
    request<T.InvitationPreview>('GET', `/api/invitations/${enc(token)}`, { signal }),
  acceptInvitation: (token: string) =>
    request<T.AcceptedInvitation>('POST', `/api/invitations/${enc(token)}/accept`),

  createTask: (planId: number, body: T.NewTask, options?: ChangeOptions) =>
    change<T.Task>('POST', `/api/plans/${planId}/tasks`, body, options),
  updateTask: (taskId: number, body: T.TaskPatch, options?: ChangeOptions) =>
    change<T.Task>('PATCH', `/api/tasks/${taskId}`, body, options),
  deleteTask: (taskId: number, options?: ChangeOptions) => change<void>('DELETE', `/api/tasks/${taskId}`, undefined, options),
  moveTask: (taskId: number, phaseId: number, afterTaskId: number | null, options?: ChangeOptions) =>
    change<T.Task>('POST', `/api/tasks/${taskId}/move`, { phaseId, afterTaskId } satisfies Api<'MoveTaskRequest'>, options),
  reorderTasks: (planId: number, phaseId: number, taskIds: number[], options?: ChangeOptions) =>
    change<T.Plan>('POST', `/api/plans/${planId}/tasks/reorder`, { phaseId, taskIds } satisfies Api<'ReorderTasksRequest'>, options),
  addDependency: (taskId: number, prerequisiteTaskId: number, options?: ChangeOptions) =>
    change<T.Task>('POST', `/api/tasks/${taskId}/dependencies`, { prerequisiteTaskId } satisfies Api<'AddDependencyRequest'>, options),
  removeDependency: (taskId: number, prerequisiteTaskId: number, options?: ChangeOptions) =>
    change<void>('DELETE', `/api/tasks/${taskId}/dependencies/${prerequisiteTaskId}`, undefined, options),

  /** A new phase: `afterPhaseId` absent puts it last, null first, a phase id right after that phase. */
  createPhase: (planId: number, body: Api<'CreatePhaseRequest'>, options?: ChangeOptions) =>
    change<T.Phase>('POST', `/api/plans/${planId}/phases`, body, options),
  updatePhase: (phaseId: number, body: Api<'UpdatePhaseRequest'>, options?: ChangeOptions) =>
    change<T.Phase>('PATCH', `/api/phases/${phaseId}`, body, options),
  /** Puts the phase right after `afterPhaseId` (null: first). */
  movePhase: (phaseId: number, afterPhaseId: number | null, options?: ChangeOptions) =>
    change<T.Phase>('POST', `/api/phases/${phaseId}/move`, { afterPhaseId } satisfies Api<'MovePhaseRequest'>, options),
  /** Deletes a phase; one that holds tasks names the phase they move to (the end of it, in their order). */
  deletePhase: (phaseId: number, moveTasksTo: number | null, options?: ChangeOptions) =>
    change<void>('DELETE', `/api/phases/${phaseId}${moveTasksTo === null ? '' : `?moveTasksTo=${moveTasksTo}`}`, undefined, options),

  nextActions: (id: number, signal?: AbortSignal) => request<T.Task[]>('GET', `/api/plans/${id}/next`, { signal }),
  progress: (id: number, signal?: AbortSignal) => request<T.ProgressReport>('GET', `/api/plans/${id}/progress`, { signal }),
  history: (id: number, signal?: AbortSignal) =>
    request<T.HistoryEntry[]>('GET', `/api/plans/${id}/history?limit=50`, { signal }),
  /** One task's own history (its edits, moves and links), newest first: older than the plan's last 50 too. */
  taskHistory: (planId: number, taskId: number, signal?: AbortSignal) =>
    request<T.HistoryEntry[]>('GET', `/api/plans/${planId}/history?limit=50&taskId=${taskId}`, { signal }),
  changes: (id: number, since: number, signal?: AbortSignal) =>
    request<T.ChangesPage>('GET', `/api/plans/${id}/changes?since=${since}`, { signal }),
  undoState: (id: number, signal?: AbortSignal) => request<T.UndoState>('GET', `/api/plans/${id}/undo-state`, { signal }),
  undo: (id: number, options?: ChangeOptions) => change<T.UndoResult>('POST', `/api/plans/${id}/undo`, undefined, options),
  redo: (id: number, options?: ChangeOptions) => change<T.UndoResult>('POST', `/api/plans/${id}/redo`, undefined, options),
  exportPlan: (id: number, format: T.ExportFormat) =>
    download(`/api/plans/${id}/export?format=${format}`, `action-plan-${id}.${format === 'markdown' ? 'md' : format}`),

  features: (signal?: AbortSignal) =>
    request<Api<'FeaturesResponse'>>('GET', '/api/feature-flags/user/features', { signal }),
  checkFeature: (name: string, signal?: AbortSignal) =>
    request<Api<'CheckResponse'>>('GET', `/api/feature-flags/check/${enc(name)}`, { signal }),
};

/** The admin API: flags and their rollout, users, monitoring, webhooks. */
export const adminApi = {
  flags: (signal?: AbortSignal) => request<Admin.Flag[]>('GET', '/api/feature-flags', { signal }),
  flag: (name: string, signal?: AbortSignal) => request<Admin.Flag>('GET', flagPath(name), { signal }),
  status: (name: string, signal?: AbortSignal) => request<Admin.FlagStatus>('GET', `${flagPath(name)}/status`, { signal }),
  history: (name: string, signal?: AbortSignal) =>
    request<Admin.FlagChange[]>('GET', `${flagPath(name)}/history`, { signal }),
  evaluate: (name: string, userId: number, tier?: T.Tier, signal?: AbortSignal) =>
    request<Admin.Evaluation>('GET', `${flagPath(name)}/evaluate?userId=${userId}${tier ? `&tier=${tier}` : ''}`, { signal }),
  deploy: (name: string, phase: string, reason?: string) =>
    request<Admin.Flag>('POST', `${flagPath(name)}/deploy`, { body: { phase, reason } satisfies Api<'DeployRequest'> }),
  rollback: (name: string, reason?: string) => request<Admin.Flag>('POST', `${flagPath(name)}/rollback`, { body: { reason } }),
  advance: (name: string, force = false, reason?: string) =>
    request<Admin.Flag>('POST', `${flagPath(name)}/advance`, { body: { force, reason } }),
  schedule: (name: string, signal?: AbortSignal) => request<Admin.Schedule>('GET', `${flagPath(name)}/schedule`, { signal }),
  setSchedule: (name: string, body: Api<'ScheduleRequest'>) => request<Admin.Schedule>('PUT', `${flagPath(name)}/schedule`, { body }),
  unschedule: (name: string) => request<Admin.Schedule>('DELETE', `${flagPath(name)}/schedule`),
  patch: (name: string, body: Admin.FlagPatch) => request<Admin.Flag>('PATCH', flagPath(name), { body }),
  phaseSegments: (name: string, phase: string, body: Admin.PhaseSegments) =>
    request<Admin.Flag>('PUT', `${flagPath(name)}/phases/${encodeURIComponent(phase)}/segments`, { body }),
  setRollout: (name: string, percentage: number, reason?: string) =>
    request<Admin.Flag>('PATCH', `${flagPath(name)}/rollout`, { body: { percentage, reason } satisfies Api<'RolloutRequest'> }),
  addUser: (name: string, userId: number, reason?: string) =>
    request<Admin.Flag>('POST', `${flagPath(name)}/users`, { body: { userId, reason } satisfies Api<'AddUserRequest'> }),
  removeUser: (name: string, userId: number, reason?: string) =>
    request<Admin.Flag>('DELETE', `${flagPath(name)}/users/${userId}${reason ? `?reason=${enc(reason)}` : ''}`),
  /** Lists live flags; with archived, the archived ones too. */
  flagList: (archived: boolean, signal?: AbortSignal) =>
    request<Admin.Flag[]>('GET', `/api/feature-flags${archived ? '?archived=true' : ''}`, { signal }),
  /** Creates a flag, never updates one: a taken name is 409 FLAG_EXISTS. */
  createFlag: (name: string, description: string) =>
    request<Admin.Flag>('POST', '/api/feature-flags', { body: { name, description }, headers: { 'If-None-Match': '*' } }),
  archive: (name: string, reason?: string) => request<Admin.Flag>('POST', `${flagPath(name)}/archive`, { body: { reason } }),
  restore: (name: string, reason?: string) => request<Admin.Flag>('POST', `${flagPath(name)}/restore`, { body: { reason } }),
  deleteFlag: (name: string, reason?: string) =>
    request<void>('DELETE', `${flagPath(name)}${reason ? `?reason=${enc(reason)}` : ''}`),
  users: (signal?: AbortSignal) => request<Admin.AdminUser[]>('GET', '/api/admin/users', { signal }),
  metrics: (window: Admin.MetricsWindow, signal?: AbortSignal) =>
    request<Admin.Metrics>('GET', `/api/performance/metrics?window=${window}`, { signal }),
  alerts: (signal?: AbortSignal) => request<Admin.Alerts>('GET', '/api/performance/alerts', { signal }),
  webhooks: (signal?: AbortSignal) => request<Admin.Webhook[]>('GET', '/api/webhooks', { signal }),
  addWebhook: (body: Admin.NewWebhook) => request<Admin.Webhook>('POST', '/api/webhooks', { body }),
  removeWebhook: (id: number) => request<void>('DELETE', `/api/webhooks/${id}`),
  webhookDeliveries: (id: number, signal?: AbortSignal) =>
    request<Admin.WebhookDeliveries>('GET', `/api/webhooks/${id}/deliveries?limit=20`, { signal }),
  segments: (signal?: AbortSignal) => request<Admin.Segment[]>('GET', '/api/segments', { signal }),
  createSegment: (body: Admin.NewSegment) => request<Admin.Segment>('POST', '/api/segments', { body }),
  updateSegment: (id: number, body: Admin.SegmentPatch) => request<Admin.Segment>('PATCH', `/api/segments/${id}`, { body }),
  segmentHistory: (id: number, signal?: AbortSignal) =>
    request<Admin.SegmentChange[]>('GET', `/api/segments/${id}/history`, { signal }),
  deleteSegment: (id: number, reason?: string) =>
    request<void>('DELETE', `/api/segments/${id}${reason ? `?reason=${enc(reason)}` : ''}`),
  testWebhook: (id: number) => request<Admin.WebhookDelivery>('POST', `/api/webhooks/${id}/test`),
};
