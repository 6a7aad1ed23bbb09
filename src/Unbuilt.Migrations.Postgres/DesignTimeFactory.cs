using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Unbuilt.Data;

namespace Unbuilt.Migrations.Postgres;

/// Lets `dotnet ef migrations add` build the PostgreSQL model without a server.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<UnbuiltDbContext>
{
    public UnbuiltDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<UnbuiltDbContext>();
        options.UseUnbuiltDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=unbuilt_design");
        return new UnbuiltDbContext(options.Options);
    }
}
