namespace Unbuilt.Data.Plans;

/// "TaskId cannot start before PrerequisiteTaskId is complete". Same plan only; never a task on itself.
public sealed class TaskDependency
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int TaskId { get; set; }
    public int PrerequisiteTaskId { get; set; }
    public DateTime CreatedAt { get; set; }
}
