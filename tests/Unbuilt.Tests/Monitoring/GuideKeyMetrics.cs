using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Rollout;

namespace Unbuilt.Tests.Monitoring;

/// The deployment guide's "Key Metrics to Track" queries as printed there: GuideKeyMetrics.sql is the section's SQL
/// blocks copied byte for byte; each query is run whole, the `-- name` comment that opens it included.
public static partial class GuideKeyMetrics
{
    public const string PlanLoadTime = "Plan load time";
    public const string TaskUpdateLatency = "Task update latency";
    public const string FeatureAdoption = "Feature adoption rate";
    public const string TaskCompletionRate = "Task completion rate";
    public const string ErrorRate = "Error rate";

    private static readonly IReadOnlyDictionary<string, string> Queries = Load();

    /// Runs the named query as it is (in the context's transaction, if one is open) and returns its one row.
    public static async Task<object?[]> RowAsync(UnbuiltDbContext db, string name)
    {
        await db.Database.OpenConnectionAsync(); // the pooled context's connection: opened and closed, never disposed
        try
        {
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Queries[name];
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"'{name}' returned no row");
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            Assert.False(await reader.ReadAsync(), $"'{name}' returned more than one row");
            return row;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// PostgreSQL's PERCENTILE_CONT: linear interpolation between the two nearest ranks.
    public static double PercentileCont(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var rank = fraction * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(GuideKeyMetrics).Assembly.GetManifestResourceStream("GuideKeyMetrics.sql")!;
        var text = new StreamReader(stream).ReadToEnd();
        var queries = QueryStart().Split(text).Where(q => q.Length > 0)
            .ToDictionary(q => q[3..q.IndexOf('\n', StringComparison.Ordinal)], q => q.TrimEnd('\n'), StringComparer.Ordinal);
        string[] names = [PlanLoadTime, TaskUpdateLatency, FeatureAdoption, TaskCompletionRate, ErrorRate];
        return queries.Keys.Order().SequenceEqual(names.Order())
            ? queries
            : throw new InvalidOperationException($"GuideKeyMetrics.sql holds {string.Join(", ", queries.Keys)}; expected {string.Join(", ", names)}.");
    }

    /// Each query starts at a line `-- name`.
    [GeneratedRegex(@"^(?=-- )", RegexOptions.Multiline)]
    private static partial Regex QueryStart();
}
