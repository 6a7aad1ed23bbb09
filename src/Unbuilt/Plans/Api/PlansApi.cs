using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Idempotency;
using Unbuilt.Plans.Reading;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Api;

/// Listing, reading, editing and deleting plans (creating them is PlanCreation).
public static class PlansApi
{
    public static void MapPlanCrud(this RouteGroupBuilder plans)
    {
        plans.MapGet("/", List).WithOperation("plans_listed", "action_plan.plan_list");
        plans.MapGet("/{planId:int}", Get).WithOperation("plan_loaded", "action_plan.plan_load");
        plans.MapPatch("/{planId:int}", Update).WithOperation("plan_updated", "action_plan.plan_update");
        plans.MapDelete("/{planId:int}", Delete).WithOperation("plan_deleted", "action_plan.plan_delete")
            .NeedsPlanRole(MemberRole.Owner);
    }

    private static async Task<Ok<List<PlanSummary>>> List(HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var plans = await db.PlanMembers.Where(m => m.UserId == userId)
            .Join(db.ActionPlans, m => m.PlanId, p => p.Id, (m, p) => new { Plan = p, m.Role })
            .OrderByDescending(x => x.Plan.UpdatedAt).ThenByDescending(x => x.Plan.Id).AsNoTracking().ToListAsync(ct);
        var ids = plans.Select(p => p.Plan.Id).ToList();
        var counts = (await db.PlanTasks.Where(t => ids.Contains(t.PlanId)).GroupBy(t => new { t.PlanId, t.Status })
            .Select(g => new { g.Key.PlanId, g.Key.Status, Count = g.Count() }).ToListAsync(ct)).ToLookup(c => c.PlanId);
        return TypedResults.Ok(plans.Select(x => new PlanSummary(x.Plan.Id, x.Plan.Title, x.Plan.Description, x.Plan.Status,
            x.Plan.Version, x.Role, x.Plan.UserId, x.Plan.SearchResultId,
            ProgressSummary.Of(counts[x.Plan.Id].SelectMany(c => Enumerable.Repeat(c.Status, c.Count))),
            x.Plan.CreatedAt, x.Plan.UpdatedAt)).ToList());
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> Get(
        int planId, HttpContext http, UnbuiltDbContext db, PlanContentCache cache, CancellationToken ct)
    {
        var (content, role, denied) = await PlanInsightsApi.ReadAsync(planId, http, db, cache, ct);
        if (denied is not null) return denied;
        http.Response.Headers.ETag = PlanETag.For(content!.Plan.Version);
        return TypedResults.Ok(PlanReader.Response(content, role));
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> Update(
        int planId, UpdatePlanRequest request, PlanChangeOpener changes, PlanReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Title is not null) errors.Required("title", request.Title, TaskFields.TitleMax);
        errors.Optional("description", request.Description, TaskFields.DescriptionMax);
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPlanAsync(planId, MemberRole.Editor, ct);
        var plan = change.Plan;
        if (request.Status == PlanStatus.Active && plan.Status != PlanStatus.Active && await ActivePlanForAsync(change.Db, plan, ct) is { } other)
            return ActivePlanExists(other);
        change.Edit.UpdatePlan(p =>
        {
            if (request.Title is not null) p.Title = request.Title.Trim();
            if (request.Description is not null) p.Description = request.Description.Trim();
            if (request.Status is { } status && status != p.Status)
            {
                p.Status = status;
                p.CompletedAt = status == PlanStatus.Completed ? change.Now : null;
            }
        });
        return await change.CommitAsync("plan.updated", async () => TypedResults.Ok((await reader.PlanAsync(planId, change.Role, ct))!), ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int planId, PlanChangeOpener changes, CancellationToken ct)
    {
        await using var change = await changes.ForPlanAsync(planId, MemberRole.Owner, ct);
        return await change.CommitDeletionAsync(TypedResults.NoContent(), ct);
    }

    /// The owner's other active plan for the same search result, if any.
    public static Task<int?> ActivePlanForAsync(UnbuiltDbContext db, ActionPlan plan, CancellationToken ct) =>
        plan.SearchResultId is null
            ? Task.FromResult<int?>(null)
            : db.ActionPlans.Where(p => p.UserId == plan.UserId && p.SearchResultId == plan.SearchResultId
                    && p.Status == PlanStatus.Active && p.Id != plan.Id)
                .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);

    public static ProblemHttpResult ActivePlanExists(int existingPlanId) =>
        Problems.Conflict($"You already have an active plan for this search result (plan {existingPlanId}); " +
            "open it, or archive it first.", new Dictionary<string, object?> { ["existingPlanId"] = existingPlanId });
}
