namespace Unbuilt.Data.Plans;

public sealed class PlanPhase
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// Fractional index, compared ordinally (tie broken by id).
    public required string Position { get; set; }
    public string? EstimatedDuration { get; set; }
}
