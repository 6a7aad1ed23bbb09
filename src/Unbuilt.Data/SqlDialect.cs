using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Unbuilt.Data;

/// The few column types and defaults that differ between SQLite and PostgreSQL.
public sealed record SqlDialect(bool IsPostgres)
{
    public string Now => IsPostgres ? "now()" : "CURRENT_TIMESTAMP";
    public string? JsonType => IsPostgres ? "jsonb" : null;
    public string EmptyJsonArray => IsPostgres ? "'[]'::jsonb" : "'[]'";

    public static SqlDialect For(DatabaseFacade database) => new(database.IsNpgsql());
}
