using Microsoft.Extensions.Options;
using Unbuilt.Flags;
using Unbuilt.Idempotency;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Api;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Export;
using Unbuilt.Plans.Idempotency;
using Unbuilt.Plans.Phases;
using Unbuilt.Plans.Reading;
using Unbuilt.Plans.Tasks;
using Unbuilt.Plans.Undo;

namespace Unbuilt.Plans;

/// Action plans: plans, tasks, ordering, dependencies, progress, history, undo/redo, export and invitation links,
/// under /api/plans, /api/tasks, /api/phases and /api/invitations, behind the action_plan_customization flag (but for an
/// invitation's preview, which is for people who may not have an account yet).
public static class PlansSetup
{
    public static WebApplicationBuilder AddPlans(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlanLimits>().Bind(builder.Configuration.GetSection(PlanLimits.Section))
            .Validate(PlanLimits.IsValid, "Unbuilt:Limits: every limit must be at least 1.").ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlanLimits>>().Value);
        builder.Services.AddOptions<IdempotencyOptions>().Bind(builder.Configuration.GetSection(IdempotencyOptions.Section))
            .Validate(IdempotencyOptions.IsValid, "Unbuilt:Idempotency:PurgeMinutes must be from 1 to 10080 (a week).").ValidateOnStart();
        builder.Services.AddSingleton<IdempotencyPurge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IdempotencyPurge>());
        builder.Services.AddOptions<PlanCacheOptions>().Bind(builder.Configuration.GetSection(PlanCacheOptions.Section))
            .Validate(PlanCacheOptions.IsValid, "Unbuilt:PlanCache:Tasks must be from 0 (off) to 10000000.").ValidateOnStart();
        builder.Services.AddSingleton<PlanContentCache>();
        builder.Services.AddScoped<PlanReader>();
        builder.Services.AddScoped<PlanChangeRequest>(); // filled by PlanChangeEndpoints for each request
        builder.Services.AddScoped<PlanChangeOpener>();
        builder.Services.AddSingleton<PlanRowWriter>();
        builder.Services.AddScoped<InvitationAcceptance>();
        builder.AddSignUpInvitations();
        builder.Services.AddScoped<IReplayAccess, PlanReplayAccess>();
        builder.Services.AddSingleton<PlanPublishOrder>();
        return builder;
    }

    public static void MapPlans(this IEndpointRouteBuilder app)
    {
        var plans = Gated(app.MapGroup("/api/plans")).WithTags("Action plans");
        var tasks = Gated(app.MapGroup("/api/tasks")).WithTags("Action plans");
        var phases = Gated(app.MapGroup("/api/phases")).WithTags("Action plans");
        plans.MapPlanCreation();
        plans.MapPlanCrud();
        plans.MapMembers();
        app.MapInvitations();
        plans.MapTasks(tasks);
        plans.MapTaskMoves(tasks);
        plans.MapPhases(phases);
        tasks.MapDependencies();
        plans.MapPlanInsights();
        plans.MapHistory();
        plans.MapUndo();
        plans.MapExport();
        Gated(app.MapGroup("/api/templates")).WithTags("Action plans").MapTemplates();
    }

    /// Signed in, the feature on for the caller, Idempotency-Key honoured on every write, and a write that raced
    /// another change to its plan run again.
    public static RouteGroupBuilder Gated(RouteGroupBuilder group) =>
        group.RequireAuthorization().RequireFeature(PlanFeature.Name).WithIdempotency().WithPlanChanges();
}
