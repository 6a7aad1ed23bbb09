using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Api;

namespace Unbuilt.Plans.Access;

/// `Unbuilt:Limits:*` (environment: `Unbuilt__Limits__TasksPerPlan`, …): how much a plan, a task or a user may hold.
/// Every read of a plan, its export and its cycle checks grow with what it holds, so these bound the work any one
/// request can cause. Only the paths that create something check them; editing what exists never does.
public sealed class PlanLimits
{
    public const string Section = "Unbuilt:Limits";

    public int TasksPerPlan { get; set; } = 1000;

    public int PhasesPerPlan { get; set; } = 50;

    /// The tasks one task may wait for.
    public int PrerequisitesPerTask { get; set; } = 50;

    /// The owner included: it is the size of the plan's member list.
    public int MembersPerPlan { get; set; } = 100;

    /// Plans a user owns, whatever their status (see <see cref="Plans"/>).
    public int PlansPerUser { get; set; } = 500;

    /// Invitations not yet accepted, revoked or expired: each is a live way into the plan, so they are bounded like
    /// the members they may become.
    public int PendingInvitationsPerPlan { get; set; } = 50;

    public static bool IsValid(PlanLimits o) =>
        o is { TasksPerPlan: > 0, PhasesPerPlan: > 0, PrerequisitesPerTask: > 0, MembersPerPlan: > 0, PlansPerUser: > 0,
            PendingInvitationsPerPlan: > 0 };

    // Each check: null when a plan (task, user) that holds `has` may take `adding` more; otherwise the 409 to answer.

    public ProblemHttpResult? Tasks(int has, int adding = 1) =>
        Within(has + adding, TasksPerPlan, nameof(TasksPerPlan), "tasks per plan");

    /// Every path that creates phases checks here (today only a plan's creation from its template).
    public ProblemHttpResult? Phases(int has, int adding) =>
        Within(has + adding, PhasesPerPlan, nameof(PhasesPerPlan), "phases per plan");

    public ProblemHttpResult? Prerequisites(int has) =>
        Within(has + 1, PrerequisitesPerTask, nameof(PrerequisitesPerTask), "prerequisites per task");

    public ProblemHttpResult? Members(int has) =>
        Within(has + 1, MembersPerPlan, nameof(MembersPerPlan), "members per plan (the owner included)");

    public ProblemHttpResult? PendingInvitations(int has) =>
        Within(has + 1, PendingInvitationsPerPlan, nameof(PendingInvitationsPerPlan), "pending invitations per plan");

    /// Archived and completed plans count too: they still take storage and every listing of the user's plans
    /// returns them, so not counting them would let archive-then-create grow a user's plans without bound; it also
    /// means un-archiving (or undoing an archive) never has to check. Deleted plans are gone and do not count.
    public ProblemHttpResult? Plans(int owned) =>
        Within(owned + 1, PlansPerUser, nameof(PlansPerUser), "plans per user (archived and completed ones included)");

    private static ProblemHttpResult? Within(int total, int max, string setting, string what) =>
        total <= max ? null : Problems.LimitReached(char.ToLowerInvariant(setting[0]) + setting[1..], max, what, $"{Section}:{setting}");
}
