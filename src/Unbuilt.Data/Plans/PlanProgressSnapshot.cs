namespace Unbuilt.Data.Plans;

/// A day's counts for the burn-up chart, upserted on every change of that plan that day.
public sealed class PlanProgressSnapshot
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public DateOnly Day { get; set; }
    public int TotalTasks { get; set; }
    public int CompletedTasks { get; set; }
    public int SkippedTasks { get; set; }
}
