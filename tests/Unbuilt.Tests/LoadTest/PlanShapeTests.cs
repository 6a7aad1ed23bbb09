using System.Text;
using System.Text.Json;
using Unbuilt.LoadTest;

namespace Unbuilt.Tests.LoadTest;

/// The virtual user's picture of its plan must follow its own changes exactly, or every plan load would count as wrong.
public sealed class PlanShapeTests
{
    private static PlanShape Plan() => PlanShape.From("""
        {"id": 9, "phases": [
          {"id": 1, "tasks": [{"id": 10, "status": "notStarted"}, {"id": 11, "status": "completed"}, {"id": 12, "status": "notStarted"}]},
          {"id": 2, "tasks": [{"id": 20, "status": "inProgress"}]}]}
        """u8);

    [Fact]
    public void Only_the_plans_phases_and_their_tasks_ids_and_statuses_are_read()
    {
        // Nested objects carry ids and statuses of their own (a prerequisite, a phase's progress): they are not tasks.
        var plan = PlanShape.From("""
            {"title": "x", "progress": {"id": 1, "status": "completed"}, "id": 9, "phases": [
              {"tasks": [{"title": "a", "prerequisites": [{"id": 11, "status": "completed"}], "id": 10, "status": "inProgress",
                          "resources": ["r"], "due": null},
                         {"id": 11, "status": "completed", "description": "{\"id\": 3}"}],
               "id": 1, "progress": {"completed": 1, "tasks": [{"id": 99}]}}],
             "dependencies": [{"id": 5}]}
            """u8);

        Assert.Equal(9, plan.PlanId);
        Assert.Equal([1], plan.PhaseIds);
        Assert.Equal([10, 11], plan.TasksOf(1));
        Assert.True(plan.IsCompleted(11));
        Assert.False(plan.IsCompleted(10));
    }

    [Theory]
    [InlineData("""{"id": 9}""")]                                   // no phases
    [InlineData("""{"id": 9, "phases": [{"tasks": []}]}""")]        // a phase without its id
    [InlineData("""{"id": 9, "phases": [{"id": 1, "tasks": [{"status": "completed"}]}]}""")] // a task without its id
    public void A_plan_missing_what_the_user_keeps_is_refused(string json) =>
        Assert.Throws<KeyNotFoundException>(() => PlanShape.From(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"id": 9, "phases": [{"id": 1, "tasks": [{"id": 10""")] // cut off
    [InlineData("""{"id": "9", "phases": []}""")]                        // an id that is not a number
    [InlineData("""[]""")]
    public void A_malformed_plan_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => PlanShape.From(Encoding.UTF8.GetBytes(json)));

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
