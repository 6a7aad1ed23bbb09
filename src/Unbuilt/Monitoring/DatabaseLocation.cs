using Npgsql;
using OpenTelemetry.Resources;
using Unbuilt.Data;
using Unbuilt.Database;

namespace Unbuilt.Monitoring;

/// Where the server's database runs, as `/metrics` says it on its `target_info` line
/// (`unbuilt_database_provider="postgres",unbuilt_database_location="local"`), so `loadtest` on the same machine
/// knows whether the PostgreSQL processes it can see are the ones serving the run: "in_process" (SQLite: its CPU is
/// the app's), "local" (PostgreSQL over loopback or a Unix socket) or "remote". Neither the host nor anything else of
/// the connection string is shown. They are attributes of the server's telemetry resource, so each server in a
/// process (the test host runs several) reports its own database, and OTLP traces carry them too.
public sealed class DatabaseLocation(DatabaseSettings settings) : IResourceDetector
{
    public const string InProcess = "in_process";
    public const string Local = "local";
    public const string Remote = "remote";
    public const string ProviderAttribute = "unbuilt.database.provider";
    public const string LocationAttribute = "unbuilt.database.location";

    public Resource Detect() => new([
        new(ProviderAttribute, settings.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres"),
        new(LocationAttribute, Of(settings)),
    ]);

    public static string Of(DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite) return InProcess;
        string? hosts;
        try
        {
            hosts = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Host;
        }
        catch (ArgumentException)
        {
            return Remote; // the server could not start with it anyway; say nothing we do not know
        }
        return !string.IsNullOrWhiteSpace(hosts) && hosts.Split(',').All(IsLocal) ? Local : Remote;
    }

    /// A loopback name or address, or a Unix socket's directory (a path; '@' an abstract socket). A host:port pair
    /// keeps its host.
    private static bool IsLocal(string host)
    {
        var name = host.Trim();
        if (name.StartsWith('/') || name.StartsWith('@')) return true;
        if (name.StartsWith('[') && name.IndexOf(']') is > 0 and var end) name = name[1..end];
        else if (name.Count(c => c == ':') == 1) name = name[..name.IndexOf(':')];
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            (System.Net.IPAddress.TryParse(name, out var address) && System.Net.IPAddress.IsLoopback(address));
    }
}
