using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Unbuilt.Data;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Data;

/// A server whose database gives up on a wait after one second, so a lock held from outside (an operator's psql or
/// sqlite3 session, a backup, a migration) makes its writes time out quickly.
public sealed class ImpatientDatabaseServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        $"ConnectionStrings:Default={Database.ConnectionString};" +
            (Database.Provider == DatabaseProvider.Sqlite ? "Default Timeout=1" : "Command Timeout=1"),
    ];
}

/// When the database cannot take a write (locked from outside past its timeout, out of connections), the client gets
/// a 503 with Retry-After, not a 500, and nothing changed; once the database is free the same request succeeds.
public sealed class DatabaseBusyTests(ImpatientDatabaseServer server) : PlanTest<ImpatientDatabaseServer>(server)
{
    [Fact]
    public async Task A_write_the_database_cannot_take_gets_503_with_retry_after_and_changes_nothing()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var taskId = Id(Tasks(plan)[0]);
        var before = await ContentAsync(owner, Id(plan));

        await using (await HoldWriteLockAsync())
        {
            var refused = await owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Renamed while locked" });
            var problem = await AssertProblem(refused, 503);
            Assert.Equal("The database is busy", problem.GetProperty("title").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(before, await ContentAsync(owner, Id(plan)));
        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, Id(plan))));
        var renamed = await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Renamed when free" }));
        Assert.Equal("Renamed when free", renamed.GetProperty("title").GetString());
    }

    /// Another session holding the lock a plan change needs: SQLite's write lock, or on PostgreSQL an EXCLUSIVE lock on
    /// action_plans (reads go on; the change's version update waits).
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        DbConnection connection = Server.Database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(Server.Database.ConnectionString)
            : new NpgsqlConnection(Server.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Server.Database.Provider == DatabaseProvider.Sqlite
            ? "BEGIN IMMEDIATE"
            : "BEGIN; LOCK TABLE action_plans IN EXCLUSIVE MODE";
        await command.ExecuteNonQueryAsync();
        return new Held(connection);
    }

    /// Rolls the outside transaction back (a pooled connection would otherwise keep it open) and closes.
    private sealed class Held(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
