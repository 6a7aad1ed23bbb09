using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Unbuilt.Flags;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Flags;

namespace Unbuilt.Tests.Monitoring;

/// The app plus test-only operations of the action plan feature, behind its gate as the real ones are: a plan load,
/// a task update whose handler counts its calls (so a test can see that nothing ran), and an export that throws.
public class MonitoringServer : UnbuiltServer
{
    public const string Routes = "/api/test/monitored";
    private int taskUpdates;

    public int TaskUpdatesHandled => Volatile.Read(ref taskUpdates);

    protected override void MapTestRoutes(WebApplication app)
    {
        var gated = app.MapGroup(Routes).RequireAuthorization().RequireFeature(FlagTest.Flag);
        gated.MapGet("/plan", () => TypedResults.Ok(new { loaded = true })).WithOperation("plan_loaded", "action_plan.plan_load");
        gated.MapPatch("/task", () =>
        {
            Interlocked.Increment(ref taskUpdates);
            return TypedResults.Ok(new { updated = true });
        }).WithOperation("task_updated", "action_plan.task_update");
        gated.MapGet("/export", IResult () => throw new InvalidOperationException("the export broke"))
            .WithOperation("export_generated", "action_plan.export");
    }
}

/// Settings for the drill and the guard: task updates always fail, the guard looks every second over a minute,
/// and five requests are enough to judge, for an alert and for a phase's health alike.
public sealed class ChaosServer : MonitoringServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Chaos:FailureRate=1",
        "Unbuilt:Chaos:Operations=task_updated",
        "Unbuilt:Guard:IntervalSeconds=1",
        "Unbuilt:Guard:WindowSeconds=60",
        "Unbuilt:Alerts:MinSamples=5",
        "Unbuilt:Rollout:MinSamples=5",
    ];
}
