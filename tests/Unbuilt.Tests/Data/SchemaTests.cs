using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;

namespace Unbuilt.Tests.Data;

public sealed class SchemaTests(UnbuiltServer server) : IntegrationTest(server)
{
    private Task<List<(string Name, string Type, bool Nullable)>> ColumnsAsync(string table) =>
        Server.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<UnbuiltDbContext>();
            var postgres = db.Database.IsNpgsql();
            var sql = postgres
                ? $"SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position"
                : $"SELECT name, type, \"notnull\" = 0 FROM pragma_table_info('{table}')";
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            var columns = new List<(string, string, bool)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            return columns;
        });

    [Fact]
    public async Task Feature_flags_has_the_guides_columns()
    {
        var columns = await ColumnsAsync("feature_flags");
        Assert.Equal(
            ["id", "name", "description", "enabled", "rollout_percentage", "allowed_tiers", "allowed_user_ids", "created_at", "updated_at"],
            columns.Select(c => c.Name).Take(9));
        Assert.All(columns.Take(9), c => Assert.False(c.Nullable, $"{c.Name} should be NOT NULL"));
        if (Server.Database.Provider == DatabaseProvider.Postgres)
            Assert.Equal(["jsonb", "jsonb"], columns.Where(c => c.Name.StartsWith("allowed_", StringComparison.Ordinal)).Select(c => c.Type));
    }

    [Fact]
    public async Task User_feature_flags_has_the_guides_columns()
    {
        var columns = await ColumnsAsync("user_feature_flags");
        Assert.Equal(["id", "user_id", "feature_flag_id", "enabled", "enabled_at", "disabled_at"], columns.Select(c => c.Name));
        Assert.True(columns.Single(c => c.Name == "disabled_at").Nullable);
    }

    [Fact]
    public async Task Analytics_events_and_audit_logs_have_the_columns_the_guides_queries_use()
    {
        var analytics = (await ColumnsAsync("analytics_events")).Select(c => c.Name).ToList();
        Assert.Subset(analytics.ToHashSet(), new HashSet<string> { "event_type", "user_id", "response_time_ms", "timestamp", "metadata" });
        var audit = (await ColumnsAsync("security_audit_logs")).Select(c => c.Name).ToList();
        Assert.Subset(audit.ToHashSet(), new HashSet<string> { "action", "severity", "timestamp", "user_id", "resource", "success", "details", "ip", "request_id" });
    }
}
