// The shapes the server sends and accepts (JSON camelCase, enums camelCase as the server writes them).
// Kept beside the client so each call names its types; read the server's records for the details.

export type Tier = 'free' | 'pro' | 'enterprise';
export type Role = 'user' | 'admin';

export interface User {
  id: number;
  email: string;
  displayName: string;
  tier: Tier;
  role: Role;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Who may create an account: anyone, only with a plan invitation, or nobody. */
export type SignUpMode = 'open' | 'invite' | 'closed';

export interface SignUp {
  email: string;
  displayName: string;
  password: string;
  /** An invitation's token: accepted in the same request, so the new account joins the plan at once. */
  invitation?: string;
}

// --- Search ------------------------------------------------------------------------------------------------

export type GapCategory = 'market' | 'technology' | 'ux' | 'business_model';

export interface SearchResult {
  id: number;
  title: string;
  description: string;
  category: string;
  industry: string | null;
  innovationScore: number;
  feasibility: string;
  marketPotential: string;
  marketSize: string;
  targetAudience: string;
  gapReason: string;
  confidence: number;
}

export interface SearchQuota {
  limit: number;
  used: number;
  remaining: number;
  resetsAt: string;
}

export interface Search {
  id: number;
  query: string;
  createdAt: string;
  results: SearchResult[];
  quota?: SearchQuota | null;
}

export interface SearchSummary {
  id: number;
  query: string;
  createdAt: string;
  resultCount: number;
}

export interface TemplateTask {
  title: string;
  description: string;
  estimatedTime: string;
  resources: string[];
}

export interface Template {
  id: string;
  name: string;
  description: string;
  phaseCount: number;
  taskCount: number;
  phases: { name: string; description: string; estimatedDuration: string; tasks: TemplateTask[] }[];
}

// --- Plans -------------------------------------------------------------------------------------------------

export type TaskStatus = 'notStarted' | 'inProgress' | 'completed' | 'skipped';
export type PlanStatus = 'active' | 'completed' | 'archived';
export type MemberRole = 'owner' | 'editor' | 'viewer';

export interface Progress {
  total: number;
  notStarted: number;
  inProgress: number;
  completed: number;
  skipped: number;
  percent: number;
}

export interface Task {
  id: number;
  planId: number;
  phaseId: number;
  title: string;
  description: string;
  status: TaskStatus;
  position: string;
  estimatedTime: string | null;
  resources: string[];
  dueDate: string | null;
  assigneeId: number | null;
  isCustom: boolean;
  completedAt: string | null;
  completedBy: number | null;
  prerequisiteIds: number[];
  blocked: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Phase {
  id: number;
  name: string;
  description: string;
  position: string;
  estimatedDuration: string | null;
  progress: Progress;
  tasks: Task[];
}

export interface Plan {
  id: number;
  title: string;
  description: string;
  status: PlanStatus;
  version: number;
  role: MemberRole;
  ownerId: number;
  searchId: number | null;
  searchResultId: number | null;
  templateId: string;
  progress: Progress;
  phases: Phase[];
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface PlanSummary {
  id: number;
  title: string;
  description: string;
  status: PlanStatus;
  version: number;
  role: MemberRole;
  ownerId: number;
  searchResultId: number | null;
  progress: Progress;
  createdAt: string;
  updatedAt: string;
}

export interface CreatePlan {
  searchResultId: number;
  templateId?: string;
  title?: string;
}

export interface PlanPatch {
  title?: string;
  description?: string;
  status?: PlanStatus;
}

export interface NewTask {
  phaseId: number;
  title: string;
  description?: string;
  estimatedTime?: string | null;
  dueDate?: string | null;
  /** Absent: last in the phase; null: first. */
  afterTaskId?: number | null;
}

export interface TaskPatch {
  title?: string;
  description?: string;
  status?: TaskStatus;
  estimatedTime?: string | null;
  resources?: string[];
  dueDate?: string | null;
  assigneeId?: number | null;
  override?: boolean;
}

export interface Member {
  userId: number;
  email: string;
  displayName: string;
  role: MemberRole;
  addedAt: string;
}

/** The answer to adding a member: the same whether or not an account uses the email, so it never says which. */
export interface MemberAdded {
  email: string;
  role: MemberRole;
  detail: string;
}

/** A plan invitation is for an editor or a viewer; a plan has one owner. */
export type InvitationRole = 'editor' | 'viewer';

/** Only ever sent back to the server (to revoke), so either form the server uses will do. */
export type InvitationId = number | string;

export interface NewInvitation {
  role: InvitationRole;
  /** When given, only an account with this email can accept. */
  email?: string;
}

/** The answer to creating an invitation: the only time its token and link are ever sent. */
export interface CreatedInvitation {
  id: InvitationId;
  token: string;
  url: string;
  role: InvitationRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
}

/** A pending invitation, as its plan's owner sees it (no token: the link cannot be shown again). */
export interface Invitation {
  id: InvitationId;
  role: InvitationRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  createdBy: { id: number; displayName: string };
}

/** What anyone holding the link may read before accepting it. */
export interface InvitationPreview {
  planId: number;
  planTitle: string;
  role: InvitationRole;
  /** The inviter's display name (an object with one is read too). */
  invitedBy: string | { displayName: string };
  expiresAt: string;
  email?: string | null;
}

export interface AcceptedInvitation {
  planId: number;
  role: MemberRole;
}

export interface Prerequisite {
  id: number;
  title: string;
  status: TaskStatus;
}

export interface ProgressReport {
  planId: number;
  version: number;
  overall: Progress;
  phases: { phaseId: number; name: string; progress: Progress }[];
  completedLast30Days: number;
  velocityPerWeek: number;
  remaining: number;
  estimatedCompletionDate: string | null;
  snapshots: { day: string; total: number; completed: number; skipped: number }[];
}

export interface HistoryEntry {
  id: number;
  version: number;
  action: string;
  taskId: number | null;
  userId: number;
  operationId: string;
  isUndo: boolean;
  revertsOperationId: string | null;
  note: string | null;
  before: unknown;
  after: unknown;
  timestamp: string;
}

export interface UndoResult {
  operationId: string;
  reversed: string;
  reversedType: string;
  plan: Plan;
}

export type ExportFormat = 'csv' | 'markdown' | 'json';

// --- Live changes ------------------------------------------------------------------------------------------

/** One row an operation changed: `before`/`after` are TaskRow, DependencyRow, PlanRow or MemberRow; null = none. */
export interface RowChange {
  action: string;
  taskId: number | null;
  before: unknown;
  after: unknown;
  note: string | null;
}

export interface PlanChange {
  planId: number;
  version: number;
  type: string;
  data: { kind: 'do' | 'undo' | 'redo'; targetOperationId: string | null; changes: RowChange[] };
  actorId: number;
  operationId: string;
  occurredAt: string;
}

export interface Viewer {
  id: number;
  displayName: string;
}

/** presence.changed rides in the same envelope with version 0. */
export interface PresenceEvent {
  planId: number;
  version: 0;
  type: 'presence.changed';
  data: { viewers: Viewer[] };
}

export type PlanEvent = PlanChange | PresenceEvent;

export function isPresenceEvent(event: PlanEvent): event is PresenceEvent {
  return event.type === 'presence.changed';
}

export interface ChangesPage {
  planId: number;
  version: number;
  changes: PlanChange[];
  hasMore: boolean;
}

/** The hub's answer to Resume: the plan's version now, and `reload` when too much was missed to replay. */
export interface ResumeAnswer {
  version: number;
  reload: boolean;
}

export interface FeatureChange {
  name: string;
  enabled: boolean;
}

/** The user's role on a plan changed (e.g. an editor is now a viewer). */
export interface AccessChange {
  planId: number;
  role: MemberRole;
}

/** This connection no longer receives a plan's events. */
export interface AccessEnd {
  planId: number;
  reason: 'removed' | 'feature-off' | 'plan-deleted';
  message: string;
}

/** The server ended the session; it closes the connection right after, and the page must not reconnect. */
export interface SignOut {
  reason: 'signed-out' | 'session-revoked' | 'token-revoked' | 'account-disabled' | 'session-expired' | 'password-changed';
  message: string;
}

export interface AdminNotice {
  kind: string;
  flag: string | null;
  message: string;
  details: string[];
  at: string;
}
