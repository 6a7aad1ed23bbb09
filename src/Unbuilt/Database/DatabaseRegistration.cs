using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Settings;

namespace Unbuilt.Database;

/// Reads `Database__Provider` and `ConnectionStrings__Default` and registers the DbContext.
public static class DatabaseRegistration
{
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        var settings = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddDbContextPool<UnbuiltDbContext>(options =>
            options.UseUnbuiltDatabase(settings.Provider, settings.ConnectionString));
        return builder;
    }
}

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration[$"{UnbuiltOptions.Section}:DataDirectory"] ?? "./data");
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider) || int.TryParse(providerName, out _))
            throw new InvalidOperationException(
                $"Database:Provider is '{providerName}'; use Sqlite (the default) or Postgres.");
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Default is empty. Set ConnectionStrings__Default, " +
                    "e.g. \"Host=localhost;Database=unbuilt;Username=unbuilt;Password=…\".");
            connectionString = DatabaseSetup.SqliteConnectionString(dataDirectory);
        }
        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }
}
