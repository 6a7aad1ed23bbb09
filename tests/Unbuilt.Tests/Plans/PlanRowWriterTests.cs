using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Tests.Plans;

/// An everyday change (a status toggle, a title, a move) is written by PlanRowWriter's batch, not SaveChanges. Each test
/// checks that the batch took the change (its count of saves) and that every guarantee still holds: the version lock,
/// history and undo, the operation id used once, the answer kept for a retry, nothing written when a statement fails.
public sealed class PlanRowWriterTests(UnbuiltServer server) : PlanTest(server)
{
    private PlanRowWriter Writer => Server.Services.GetRequiredService<PlanRowWriter>();

    [Fact]
    public async Task A_status_toggle_is_written_by_the_batch_with_its_counts_history_and_operation_and_undoes()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (planId, taskId) = (Id(plan), Id(Tasks(plan)[0]));
        var start = await ContentAsync(client, planId);
        var saves = Writer.Saves;

        var response = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { status = "completed" },
            (PlanChangeEndpoints.OperationHeader, "toggle-1"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(Writer.Saves > saves, "the change did not go through PlanRowWriter");
        Assert.Equal($"\"{Version(plan) + 1}\"", response.Headers.ETag!.Tag);
        var stored = await DbAsync(db => db.ActionPlans.SingleAsync(p => p.Id == planId));
        Assert.Equal((Version(plan) + 1, 1), (stored.Version, stored.CompletedTasks));
        Assert.Equal(TaskState.Completed, (await DbAsync(db => db.PlanTasks.SingleAsync(t => t.Id == taskId))).Status);
        var history = await DbAsync(db => db.TaskHistory.SingleAsync(h => h.OperationId == "toggle-1"));
        Assert.Equal(("task.updated", taskId, Version(plan) + 1), (history.Action, history.TaskId!.Value, history.PlanVersion));
        Assert.Contains("\"status\":\"completed\"", RowJson.Canonical<TaskRow>(history.NewState));
        var operation = await DbAsync(db => db.PlanOperations.SingleAsync(o => o.OperationId == "toggle-1"));
        Assert.Equal((OperationKind.Do, "task.updated", Version(plan) + 1), (operation.Kind, operation.Type, operation.PlanVersion));
        Assert.Equal(1, (await DbAsync(db => db.PlanProgressSnapshots.SingleAsync(s => s.PlanId == planId))).CompletedTasks);

        await OkJson(client.PostAsync($"/api/plans/{planId}/undo", null));
        Assert.Equal(start, await ContentAsync(client, planId));
        await OkJson(client.PostAsync($"/api/plans/{planId}/redo", null));
        Assert.Equal(TaskState.Completed, (await DbAsync(db => db.PlanTasks.SingleAsync(t => t.Id == taskId))).Status);
        Assert.Equal(1, (await DbAsync(db => db.PlanProgressSnapshots.SingleAsync(s => s.PlanId == planId))).CompletedTasks);
    }

    [Fact]
    public async Task A_change_whose_plan_moved_on_before_its_write_throws_PlanChangedException_and_writes_nothing()
    {
        var user = await TestUserAsync("founder@example.com");
        var plan = await CreatePlanAsync(Server.Client(user));
        var (planId, taskId) = (Id(plan), Id(Tasks(plan)[0]));
        var conflicts = Writer.Conflicts;

        await Server.WithServicesAsync(async services =>
        {
            services.GetRequiredService<PlanChangeRequest>().ActorId = user.Id;
            await using var change = await services.GetRequiredService<PlanChangeOpener>().ForTaskAsync(taskId, MemberRole.Editor, default);
            change.Edit.UpdateTask(change.Task, t => t.Title = "Lost the race");
            // Another change commits between this one's read and its write.
            await DbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE action_plans SET version = version + 1 WHERE id = {planId}"));
            await Assert.ThrowsAsync<PlanChangedException>(() => change.CommitAsync("task.updated", "answer", default));
            return true;
        });

        Assert.Equal(conflicts + 1, Writer.Conflicts);
        Assert.Equal(Version(plan) + 1, (await DbAsync(db => db.ActionPlans.SingleAsync(p => p.Id == planId))).Version);
        Assert.Equal(0, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "Lost the race")));
        var version = Version(plan);
        Assert.Equal(0, await DbAsync(db => db.TaskHistory.CountAsync(h => h.PlanVersion > version)));
        Assert.Equal(0, await DbAsync(db => db.PlanOperations.CountAsync(o => o.PlanVersion > version)));
    }

    [Fact]
    public async Task A_change_that_finds_its_plan_held_by_another_transaction_waits_for_it_and_then_commits()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (planId, taskId) = (Id(plan), Id(Tasks(plan)[0]));
        // Another transaction holds the plan's row, as a change does between its first write and its commit.
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        await using var holder = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE action_plans SET title = title WHERE id = {planId}");

        var pending = client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "After the holder" });
        await Task.Delay(300);
        Assert.False(pending.IsCompleted, "the change did not wait for the transaction holding its plan");
        await holder.CommitAsync();
        var response = await pending;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"\"{Version(plan) + 1}\"", response.Headers.ETag!.Tag);
        Assert.Equal(1, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "After the holder")));
    }

    [Fact]
    public async Task Changes_sent_at_once_with_one_operation_id_apply_once_and_a_reused_id_is_refused()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var tasks = Tasks(plan).Take(4).Select(Id).ToList();
        var saves = Writer.Saves;

        var responses = await Task.WhenAll(tasks.Select(id => Send(client, HttpMethod.Patch, $"/api/tasks/{id}",
            new { title = $"Once {id}" }, (PlanChangeEndpoints.OperationHeader, "only-once"))));

        Assert.True(Writer.Saves > saves, "the change did not go through PlanRowWriter");
        Assert.Single(responses, r => (int)r.StatusCode == 200);
        Assert.All(responses.Where(r => (int)r.StatusCode != 200), r => Assert.Equal(409, (int)r.StatusCode));
        Assert.Equal(1, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title.StartsWith("Once "))));
        Assert.Equal(1, await DbAsync(db => db.TaskHistory.CountAsync(h => h.OperationId == "only-once")));
        var again = await Send(client, HttpMethod.Patch, $"/api/tasks/{tasks[0]}", new { status = "skipped" },
            (PlanChangeEndpoints.OperationHeader, "only-once"));
        await AssertProblem(again, 409);
    }

    [Fact]
    public async Task A_kept_answer_is_written_after_the_batch_without_writing_the_batch_again()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);
        var saves = Writer.Saves;

        var first = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { status = "inProgress" }, ("Idempotency-Key", "kept-1"));
        var retry = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { status = "inProgress" }, ("Idempotency-Key", "kept-1"));

        Assert.True(Writer.Saves > saves, "the change did not go through PlanRowWriter");
        Assert.Equal((200, 200), ((int)first.StatusCode, (int)retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        var version = Version(plan);
        Assert.Equal(1, await DbAsync(db => db.TaskHistory.CountAsync(h => h.PlanVersion > version)));
        Assert.Equal(1, await DbAsync(db => db.PlanOperations.CountAsync(o => o.PlanVersion > version)));
    }

    [Fact]
    public async Task A_statement_of_the_batch_that_fails_leaves_nothing_of_the_change_written()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (planId, taskId) = (Id(plan), Id(Tasks(plan)[0]));
        var historyBefore = await HistoryRowsAsync(planId);
        var saves = Writer.Saves;
        // The database refuses the operation row, one of the batch's last statements (the plan's row always goes first).
        var postgres = Server.Database.Provider == DatabaseProvider.Postgres;
        await DbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
            ? """
              CREATE FUNCTION refuse_operation() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER refuse_operation BEFORE INSERT ON plan_operations FOR EACH ROW
                  WHEN (NEW.operation_id = 'refused') EXECUTE FUNCTION refuse_operation();
              """
            : """
              CREATE TRIGGER refuse_operation BEFORE INSERT ON plan_operations WHEN NEW.operation_id = 'refused'
              BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
              """));
        try
        {
            var response = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "Half written", status = "completed" },
                (PlanChangeEndpoints.OperationHeader, "refused"));

            Assert.Equal(500, (int)response.StatusCode);
            Assert.True(Writer.Saves > saves, "the change did not go through PlanRowWriter");
        }
        finally
        {
            await DbAsync(db => db.Database.ExecuteSqlRawAsync(postgres
                ? "DROP TRIGGER refuse_operation ON plan_operations; DROP FUNCTION refuse_operation();"
                : "DROP TRIGGER refuse_operation;"));
        }
        var stored = await DbAsync(db => db.ActionPlans.SingleAsync(p => p.Id == planId));
        Assert.Equal((Version(plan), 0), (stored.Version, stored.CompletedTasks));
        Assert.Equal(0, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "Half written")));
        Assert.Equal(historyBefore, await HistoryRowsAsync(planId));
        Assert.Equal(0, await DbAsync(db => db.PlanProgressSnapshots.CountAsync(s => s.PlanId == planId && s.CompletedTasks > 0)));

        // The plan is not left locked or changed: the next change goes through.
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Written" }));
        Assert.Equal(Version(plan) + 1, (await DbAsync(db => db.ActionPlans.SingleAsync(p => p.Id == planId))).Version);
    }
    [Fact]
    public async Task A_reorder_writes_its_tasks_and_their_history_with_a_statement_a_kind_of_row_and_undoes()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var planId = Id(plan);
        var ids = TaskIds(Phases(plan)[0]);
        var incoming = TaskIds(Phases(plan)[1])[0];
        // Reversed: every task but one gets a new key, and one more comes in from the next phase (a row of another shape).
        List<int> order = [.. Enumerable.Reverse(ids), incoming];
        Assert.True(ids.Count >= 3, "the template's first phase is too short for this test");
        var start = await ContentAsync(client, planId);
        var historyBefore = await HistoryRowsAsync(planId);
        var (saves, statements) = (Writer.Saves, Writer.Statements);

        var reordered = await OkJson(client.PostAsJsonAsync($"/api/plans/{planId}/tasks/reorder",
            new { phaseId = Id(Phases(plan)[0]), taskIds = order }));

        Assert.True(Writer.Saves > saves, "the reorder did not go through PlanRowWriter");
        Assert.Equal(order, TaskIds(Phases(reordered)[0]));
        Assert.Equal((await GetPlanAsync(client, planId)).GetRawText(), reordered.GetRawText());
        var version = Version(plan) + 1;
        var history = await DbAsync(db => db.TaskHistory.Where(h => h.PlanId == planId && h.PlanVersion == version).ToListAsync());
        var moved = history.Select(h => h.TaskId!.Value).Order().ToList();
        Assert.Equal(ids.Count, moved.Count); // the reversed phase keeps one key; the incoming task gets one
        Assert.Equal(moved.Distinct().Count(), moved.Count);
        Assert.Contains(incoming, moved);
        Assert.Equal(historyBefore + moved.Count, await HistoryRowsAsync(planId));
        var rows = moved.Count * 2 + 3; // the tasks and their history, the plan, the operation, today's counts
        var sent = Writer.Statements - statements;
        if (Server.Database.Provider == DatabaseProvider.Postgres)
            Assert.True(sent <= rows - moved.Count, $"{sent} statements for {rows} rows"); // tasks and history share some
        else
            Assert.InRange(sent, rows - 1, rows);

        await OkJson(client.PostAsync($"/api/plans/{planId}/undo", null));
        Assert.Equal(start, await ContentAsync(client, planId));
        await OkJson(client.PostAsync($"/api/plans/{planId}/redo", null));
        Assert.Equal(order, TaskIds(Phases(await GetPlanAsync(client, planId))[0]));
    }
}
