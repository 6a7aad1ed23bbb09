using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Npgsql;
using Unbuilt.Data;
using Unbuilt.Database;

namespace Unbuilt.Monitoring;

/// Where the server's database runs, as `/metrics` says it (`unbuilt_database_info{provider, location}`), so
/// `loadtest` on the same machine knows whether the PostgreSQL processes it can see are the ones serving the run:
/// "in_process" (SQLite: its CPU is the app's), "local" (PostgreSQL over loopback or a Unix socket) or "remote".
/// Neither the host nor anything else of the connection string is shown. A static meter (as SqliteWriteGate's), so
/// every server in a process reports it whichever of them started first; a process serves one database in
/// production (the test host runs several servers, all on the same kind of database).
public static class DatabaseLocation
{
    public const string InProcess = "in_process";
    public const string Local = "local";
    public const string Remote = "remote";
    public const string MeterName = "Unbuilt.Database";

    private static readonly ConcurrentDictionary<(string Provider, string Location), bool> InUse = new();
    private static readonly Meter Meter = new(MeterName);

    private static readonly ObservableGauge<int> Info = Meter.CreateObservableGauge("unbuilt.database.info",
        () => InUse.Keys.Select(k => new Measurement<int>(1,
            new KeyValuePair<string, object?>("provider", k.Provider), new KeyValuePair<string, object?>("location", k.Location))),
        description: "Always 1: the database provider (sqlite, postgres) and where it runs (in_process, local, remote)");

    /// Puts the server's database on /metrics (from the server's start).
    public static void Register(DatabaseSettings settings) =>
        InUse[(settings.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres", Of(settings))] = true;

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
