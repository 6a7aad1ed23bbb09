using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Data.Search;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;
using Unbuilt.Plans.Reading;
using Unbuilt.Plans.Tasks;
using Unbuilt.Plans.Templates;

namespace Unbuilt.Plans.Api;

/// POST /api/plans: one of my search results + a template (named, or chosen by the result's category) → a plan
/// whose phases and tasks are the template's, tailored with the result's title and audience. One active plan per
/// result per user: a second answers 409 with the first one's id. Without a search result, a title makes a plan of
/// one's own: blank (one phase, no tasks) or the named template's phases and tasks.
public static class PlanCreation
{
    public static void MapPlanCreation(this RouteGroupBuilder plans) =>
        plans.MapPost("/", Create).WithOperation("plan_created", "action_plan.plan_create");

    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> Create(
        CreatePlanRequest request, HttpContext http, UnbuiltDbContext db, PlanChangeOpener changes, PlanReader reader, PlanLimits limits,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.SearchResultId is null && request.Title is null)
        {
            // Either field would do: both are named, so a form for either shows the message.
            const string EitherOne = "Send a title for a plan of your own, or a searchResultId for a plan from a search result.";
            errors.Add("title", EitherOne).Add("searchResultId", EitherOne);
        }
        if (request.Title is not null) errors.Required("title", request.Title, TaskFields.TitleMax);
        errors.Optional("description", request.Description, TaskFields.DescriptionMax);
        var named = request.TemplateId is null ? null : PlanTemplates.Find(request.TemplateId);
        if (request.TemplateId is not null && named is null)
            errors.Add("templateId", $"Unknown template; one of: {string.Join(", ", PlanTemplates.All.Select(t => t.Id))}.");
        if (errors.Any) return errors.ToProblem();

        var userId = http.User.UserId();
        if (request.SearchResultId is not { } resultId) return await OwnAsync(request, named, userId, db, changes, reader, limits, ct);
        // One query: the result (if it is one of mine), my active plan for it, and how many plans I own, counted by
        // my owner memberships (every plan has its owner's, for as long as it exists): plan_members is indexed by
        // user, action_plans only for active plans.
        var active = ActivePlans(db, userId, resultId);
        var found = await db.SearchResults.AsNoTracking()
            .Where(r => r.Id == resultId && db.Searches.Any(s => s.Id == r.SearchId && s.UserId == userId))
            .Select(r => new
            {
                Result = r, Active = active.FirstOrDefault(),
                Owned = db.PlanMembers.Count(m => m.UserId == userId && m.Role == MemberRole.Owner),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null) return Problems.NotFound($"There is no search result {resultId}.");
        if (found.Active is { } existing) return PlansApi.ActivePlanExists(existing);
        // Counted outside the new plan's transaction, so creations racing each other may all pass and leave the user
        // a few over: at most one per request in flight, each needing a search result of its own. It bounds work; it
        // is not a quota to bill by.
        if (limits.Plans(found.Owned) is { } tooMany) return tooMany;

        var result = found.Result;
        var template = PlanTemplates.Tailor(named ?? PlanTemplates.ForCategory(result.Category, result.Industry),
            result.Title, result.TargetAudience);
        if (TooBig(limits, template) is { } tooBig) return tooBig;
        var plan = new ActionPlan
        {
            UserId = userId, SearchId = result.SearchId, SearchResultId = resultId, TemplateId = template.Id,
            Title = request.Title?.Trim() ?? Shorten(result.Title), Description = request.Description?.Trim() ?? result.Description,
            Status = PlanStatus.Active,
        };
        try
        {
            return await BuildAsync(changes, reader, plan, template, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request created it first (the partial unique index said so).
            db.ChangeTracker.Clear();
            if (await ActivePlanIdAsync(db, userId, resultId, ct) is { } raced) return PlansApi.ActivePlanExists(raced);
            throw;
        }
    }

    /// A plan of the caller's own, with no search behind it: blank, or the named template filled with its title.
    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> OwnAsync(CreatePlanRequest request,
        PlanTemplate? named, int userId, UnbuiltDbContext db, PlanChangeOpener changes, PlanReader reader, PlanLimits limits,
        CancellationToken ct)
    {
        // Counted outside the new plan's transaction, as for a plan from a search result (above).
        var owned = await db.PlanMembers.CountAsync(m => m.UserId == userId && m.Role == MemberRole.Owner, ct);
        if (limits.Plans(owned) is { } tooMany) return tooMany;
        var title = request.Title!.Trim();
        var template = named is null ? PlanTemplates.Blank : PlanTemplates.Tailor(named, title, "");
        if (TooBig(limits, template) is { } tooBig) return tooBig;
        var plan = new ActionPlan
        {
            UserId = userId, TemplateId = template.Id, Title = title, Description = request.Description?.Trim() ?? "",
            Status = PlanStatus.Active,
        };
        return await BuildAsync(changes, reader, plan, template, ct);
    }

    /// Before anything is written: a template too big for the limits makes no plan at all.
    private static ProblemHttpResult? TooBig(PlanLimits limits, PlanTemplate template) =>
        limits.Phases(0, template.Phases.Count) ?? limits.Tasks(0, template.Phases.Sum(p => p.Tasks.Count));

    private static async Task<Results<Created<PlanResponse>, ProblemHttpResult, ValidationProblem>> BuildAsync(
        PlanChangeOpener changes, PlanReader reader, ActionPlan plan, PlanTemplate template, CancellationToken ct)
    {
        await using var change = await changes.ForNewPlanAsync(plan, ct);
        var db = change.Db;
        db.PlanMembers.Add(new PlanMember { PlanId = plan.Id, UserId = plan.UserId, Role = MemberRole.Owner, AddedAt = change.Now });
        var phaseKeys = FractionalIndex.Spread(null, null, template.Phases.Count);
        var phases = template.Phases.Select((p, i) => new PlanPhase
        {
            PlanId = plan.Id, Name = p.Name, Description = p.Description, Position = phaseKeys[i],
            EstimatedDuration = TaskFields.Blank(p.EstimatedDuration),
        }).ToList();
        db.PlanPhases.AddRange(phases);
        await change.SaveAsync(ct);
        change.Edit.RecordPlanCreated();
        var tasks = new List<PlanTask>();
        foreach (var (phase, source) in phases.Zip(template.Phases))
        {
            var keys = FractionalIndex.Spread(null, null, source.Tasks.Count);
            tasks.AddRange(source.Tasks.Select((t, i) => new PlanTask
            {
                PhaseId = phase.Id, Title = Shorten(t.Title), Description = t.Description, Position = keys[i],
                EstimatedTime = t.EstimatedTime, Resources = [.. t.Resources],
            }));
        }
        await change.Edit.AddTasksAsync(tasks, ct);
        return await change.CommitAsync("plan.created", async () => TypedResults.Created($"/api/plans/{plan.Id}",
            (await reader.PlanAsync(plan.Id, MemberRole.Owner, ct))!), ct, undoable: false);
    }

    private static IQueryable<int?> ActivePlans(UnbuiltDbContext db, int userId, int resultId) =>
        db.ActionPlans.Where(p => p.UserId == userId && p.SearchResultId == resultId && p.Status == PlanStatus.Active)
            .Select(p => (int?)p.Id);

    private static Task<int?> ActivePlanIdAsync(UnbuiltDbContext db, int userId, int resultId, CancellationToken ct) =>
        ActivePlans(db, userId, resultId).FirstOrDefaultAsync(ct);

    private static string Shorten(string text) => text.Length <= TaskFields.TitleMax ? text : text[..(TaskFields.TitleMax - 1)] + "…";
}
