using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Unbuilt.Data;

namespace Unbuilt.Migrations.Sqlite;

/// Lets `dotnet ef migrations add` build the SQLite model without starting the app.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<UnbuiltDbContext>
{
    public UnbuiltDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
        options.UseUnbuiltDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new UnbuiltDbContext(options.Options);
    }
}
