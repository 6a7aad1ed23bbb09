// The shapes the server sends and accepts, by the names the app uses. They come from the server's OpenAPI document
// (schema.d.ts, generated from ../../openapi.json by scripts/update-api-contract), so a change on the server shows
// up here as a type error. Only what the document cannot say is written by hand below: query values, problem
// details' extensions, and narrower types for the UI.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Tier = Schemas['Tier'];
export type Role = Schemas['Role'];
export type User = Schemas['MeResponse'];
export type Credentials = Schemas['LoginRequest'];
/** Who may create an account: anyone, only with a plan invitation, or nobody. */
export type SignUpMode = Schemas['SignUpMode'];
export type SignUp = Schemas['SignUpRequest'];

// --- Search ------------------------------------------------------------------------------------------------

export type SearchResult = Schemas['SearchResultResponse'];
export type SearchQuota = Schemas['SearchQuotaResponse'];
export type Search = Schemas['SearchResponse'];
export type SearchSummary = Schemas['SearchSummary'];
export type TemplateTask = Schemas['TemplateTask'];
export type Template = Schemas['TemplateSummary'];

// --- Plans -------------------------------------------------------------------------------------------------

export type TaskStatus = Schemas['TaskState'];
export type PlanStatus = Schemas['PlanStatus'];
export type MemberRole = Schemas['MemberRole'];
export type Progress = Schemas['ProgressSummary'];
export type Task = Schemas['TaskResponse'];
export type Phase = Schemas['PhaseResponse'];
export type Plan = Schemas['PlanResponse'];
export type PlanSummary = Schemas['PlanSummary'];
export type CreatePlan = Schemas['CreatePlanRequest'];
export type PlanPatch = Schemas['UpdatePlanRequest'];
/** afterTaskId absent: last in the phase; null: first. */
export type NewTask = Schemas['CreateTaskRequest'];
export type TaskPatch = Schemas['UpdateTaskRequest'];
export type Member = Schemas['MemberResponse'];
/** The answer to adding a member: the same whether or not an account uses the email, so it never says which. */
export type MemberAdded = Schemas['MemberAddedResponse'];
export type NewInvitation = Schemas['CreateInvitationRequest'];
/** The answer to creating an invitation: the only time its token and link are ever sent. */
export type CreatedInvitation = Schemas['CreatedInvitationResponse'];
/** A pending invitation, as its plan's owner sees it (no token: the link cannot be shown again). */
export type Invitation = Schemas['InvitationResponse'];
export type InvitationId = Invitation['id'];
/** What anyone holding the link may read before accepting it. */
export type InvitationPreview = Schemas['InvitationPreviewResponse'];
export type AcceptedInvitation = Schemas['AcceptedInvitationResponse'];
export type ProgressReport = Schemas['ProgressResponse'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type UndoResult = Schemas['UndoResponse'];
/** One change undo or redo would revert, and the pair (GET /api/plans/{id}/undo-state). */
export type UndoStep = Schemas['ReversibleOperation'];
export type UndoState = Schemas['UndoStateResponse'];

/** A plan invitation is for an editor or a viewer; a plan has one owner. */
export type InvitationRole = Exclude<MemberRole, 'owner'>;

/** A prerequisite not yet done, as the 409 refusing to complete a task lists them (problem extension `prerequisites`). */
export interface Prerequisite {
  id: number;
  title: string;
  status: TaskStatus;
}

/** The 409 problem's extensions when someone else changed a field this edit changes meanwhile. */
export interface TaskConflict {
  current: Task;
  conflicts: string[];
}

/** `format` of GET /api/plans/{id}/export. */
export type ExportFormat = 'csv' | 'markdown' | 'json';

// --- Live changes ------------------------------------------------------------------------------------------

/** One row an operation changed, with its state before and after (null: created / deleted). */
export type RowChange = Schemas['RowChange'];
export type TaskRow = Schemas['TaskRow'];
export type DependencyRow = Schemas['DependencyRow'];
export type PlanRow = Schemas['PlanRow'];
/** A phase's row in a change or a history entry (`phase.*` actions). */
export type PhaseRow = Schemas['PhaseRow'];
export type PlanChange = Schemas['PlanChange'];
/** presence.changed rides in the same envelope with version 0. */
export type PresenceEvent = Schemas['PresenceEvent'];
export type Viewer = PresenceEvent['data']['viewers'][number];
/** What the hub sends as PlanEvent. */
export type PlanEvent = Schemas['PlanEvent'];

export function isPresenceEvent(event: PlanEvent): event is PresenceEvent {
  return event.type === 'presence.changed';
}

export type ChangesPage = Schemas['ChangesResponse'];
/** The hub's answer to Resume: the plan's version now, and `reload` when too much was missed to replay. */
export type ResumeAnswer = Schemas['ResumeAnswer'];
export type FeatureChange = Schemas['FeatureChange'];
/** The user's role on a plan changed (e.g. an editor is now a viewer). */
export type AccessChange = Schemas['AccessChanged'];
/** This connection no longer receives a plan's events. */
export type AccessEnd = Schemas['AccessEnded'];
/** The server ended the session; it closes the connection right after, and the page must not reconnect. */
export type SignOut = Schemas['SignedOut'];
export type AdminNotice = Schemas['AdminNotice'];
