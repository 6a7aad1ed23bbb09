namespace Unbuilt.LoadTest;

/// The bars a run is judged against, per operation: the product's SLA (p95 in ms; docs/design.md, "Performance
/// budgets") and our own, tighter budget. Null means that bar says nothing about the operation. A bulk phase
/// reorder is a task update as the SLA counts it, but the 20 ms budget is for single-task writes, so it has none.
public sealed record Target(string Operation, double? GuideP95Ms, double? BudgetP95Ms)
{
    /// The SLA: error rate below 0.5%. Ours: no errors at all.
    public const double GuideMaxErrorRate = 0.005;

    public static IReadOnlyList<Target> All { get; } =
    [
        new(RunResults.PlanLoaded, GuideP95Ms: 1000, BudgetP95Ms: 25),
        new(RunResults.TaskUpdated, GuideP95Ms: 200, BudgetP95Ms: 20),
        new(RunResults.TaskMoved, GuideP95Ms: 200, BudgetP95Ms: 20),
        new(RunResults.TasksReordered, GuideP95Ms: 200, BudgetP95Ms: null),
        new(RunResults.ExportGenerated, GuideP95Ms: null, BudgetP95Ms: 200),
        new(RunResults.LiveUpdate, GuideP95Ms: null, BudgetP95Ms: 50),
        new(RunResults.LiveAfterAnswer, GuideP95Ms: null, BudgetP95Ms: null),
    ];

    public static Target For(string operation) => All.First(t => t.Operation == operation);

    /// The target with the SLA the operator set for this run (--sla NAME=MS), else the guide's.
    public static Target For(string operation, IReadOnlyDictionary<string, double> slas)
    {
        var target = For(operation);
        return slas.TryGetValue(operation, out var ms) ? target with { GuideP95Ms = ms } : target;
    }

    /// The operations an SLA can be set for: those a request measures (not live delivery, which has a budget only).
    public static IEnumerable<string> WithSla => All.Where(t => t.GuideP95Ms is not null).Select(t => t.Operation);

    /// The guide's bars are strict ("p95 < 1000 ms"); null when there is none; false without samples to judge.
    public bool? MeetsGuide(double? p95Ms) => GuideP95Ms is { } limit ? p95Ms < limit : null;

    /// Our budgets are inclusive ("p95 ≤ 20 ms"); null when there is none; false without samples to judge.
    public bool? MeetsBudget(double? p95Ms) => BudgetP95Ms is { } limit ? p95Ms <= limit : null;
}
