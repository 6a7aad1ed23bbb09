using System.Text.Json;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// The virtual user's picture of its plan must follow its own changes exactly, or every plan load would count as wrong.
public sealed class PlanShapeTests
{
    private static PlanShape Plan() => PlanShape.From(JsonDocument.Parse("""
        {"id": 9, "phases": [
          {"id": 1, "tasks": [{"id": 10, "status": "notStarted"}, {"id": 11, "status": "completed"}, {"id": 12, "status": "notStarted"}]},
          {"id": 2, "tasks": [{"id": 20, "status": "inProgress"}]}]}
        """).RootElement);

    [Fact]
    public void Moves_follow_the_move_endpoints_rules()
    {
        var plan = Plan();

        plan.Move(12, 1, null);
        plan.Move(10, 2, 20);
        plan.Move(20, 1, 11);

        Assert.Equal([12, 11, 20], plan.TasksOf(1));
        Assert.Equal([10], plan.TasksOf(2));
        Assert.Equal(4, plan.TaskCount);
    }

    [Fact]
    public void A_move_to_where_a_task_already_is_is_recognised()
    {
        var plan = Plan();

        Assert.True(plan.IsAt(10, 1, null));
        Assert.True(plan.IsAt(11, 1, 10));
        Assert.False(plan.IsAt(11, 1, null));
        Assert.False(plan.IsAt(20, 1, 12));
    }

    [Fact]
    public void A_loaded_plan_that_differs_from_what_was_written_is_reported()
    {
        var plan = Plan();
        Assert.Null(plan.Difference(Plan()));

        plan.Reorder(1, [12, 10, 11]);
        Assert.Contains("phase 1", plan.Difference(Plan()));

        var other = Plan();
        other.SetCompleted(10, true);
        Assert.Contains("completed", Plan().Difference(other));
    }
}
