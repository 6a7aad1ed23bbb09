using Unbuilt.Data;
using Unbuilt.Database;
using Unbuilt.Monitoring;

namespace Unbuilt.Tests.Monitoring;

/// Where /metrics says the database runs: what `loadtest --db-cpu auto` decides by.
public sealed class DatabaseLocationTests
{
    [Theory]
    [InlineData("Host=localhost;Database=unbuilt", "local")]
    [InlineData("Host=127.0.0.1;Port=5432", "local")]
    [InlineData("Host=127.0.0.2", "local")]
    [InlineData("Host=::1", "local")]
    [InlineData("Host=[::1]:5433", "local")]
    [InlineData("Host=localhost:5433", "local")]
    [InlineData("Host=/var/run/postgresql", "local")]
    [InlineData("Host=localhost,127.0.0.1", "local")]
    [InlineData("Host=db;Database=unbuilt", "remote")]
    [InlineData("Host=localhost,db", "remote")]
    [InlineData("Host=10.0.0.5", "remote")]
    [InlineData("Database=unbuilt", "remote")]
    public void PostgreSQL_is_local_only_over_loopback_or_a_socket(string connectionString, string location) =>
        Assert.Equal(location, DatabaseLocation.Of(new DatabaseSettings(DatabaseProvider.Postgres, connectionString, "/tmp")));

    [Fact]
    public void SQLite_is_in_the_process() =>
        Assert.Equal("in_process", DatabaseLocation.Of(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=x.db", "/tmp")));
}
