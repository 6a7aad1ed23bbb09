namespace Unbuilt.Rollout;

/// The `Unbuilt:Rollout:Criteria` section (environment: `Unbuilt__Rollout__Criteria__EngagementPercent`, …): the
/// success criteria each rollout phase is judged by, and the smallest sample each verdict needs. Below its minimum a
/// criterion is "not-enough-data", never pass or fail: a phase of three users proves nothing either way.
public sealed class CriteriaOptions
{
    public const string Section = "Unbuilt:Rollout:Criteria";

    /// Engagement passes above this: users with the feature who created a plan, in percent of those active.
    public double EngagementPercent { get; set; } = 60;

    /// Task completion passes above this: completed tasks in percent of the tasks of plans created in the phase.
    public double TaskCompletionPercent { get; set; } = 40;

    /// The error rate passes below this: server errors (5xx) in percent of the feature's requests.
    public double ErrorRatePercent { get; set; } = 0.5;

    /// The plan load p95 passes below this many milliseconds.
    public double PlanLoadP95Ms { get; set; } = 1000;

    /// The task update p95 passes below this many milliseconds.
    public double TaskUpdateP95Ms { get; set; } = 200;

    /// A user counts as returned when seen again this many days or more after their first visit in the phase.
    public int ReturnDays { get; set; } = 7;

    /// Users needed for engagement, and in each group (with and without the feature) for the return rate.
    public int MinUsers { get; set; } = 20;

    /// Tasks needed (of plans created in the phase) for task completion.
    public int MinTasks { get; set; } = 50;

    /// Requests of the feature's operations needed for the error rate, and timed requests of each operation for its p95.
    public int MinRequests { get; set; } = 100;

    /// The most phases `criteria` lists, the current one included (newest first).
    public int MaxPhases { get; set; } = 10;

    public static bool IsValid(CriteriaOptions o) =>
        o.EngagementPercent is >= 0 and <= 100 && o.TaskCompletionPercent is >= 0 and <= 100
        && o.ErrorRatePercent is >= 0 and <= 100 && o.PlanLoadP95Ms > 0 && o.TaskUpdateP95Ms > 0
        && o.ReturnDays is >= 1 and <= 90 && o.MinUsers >= 1 && o.MinTasks >= 1 && o.MinRequests >= 1
        && o.MaxPhases is >= 1 and <= 100;
}
