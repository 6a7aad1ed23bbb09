using Npgsql;
using Unbuilt.Data;

namespace Unbuilt.Tests.Data;

/// The Npgsql settings the app adds to a PostgreSQL connection string, and what it leaves alone when the operator set
/// them: the pool a few connections per core, prepared statements, no reset on close.
public sealed class PostgresDefaultsTests
{
    private static NpgsqlConnectionStringBuilder Defaults(string connectionString, int cores) =>
        new(DatabaseSetup.WithPostgresDefaults(connectionString, cores));

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(4, 16)]
    [InlineData(16, 64)]
    public void The_pool_holds_four_connections_a_core_and_at_least_eight_when_the_string_sets_none(int cores, int pool)
    {
        var built = Defaults("Host=db;Database=unbuilt;Username=unbuilt", cores);
        Assert.Equal(pool, built.MaxPoolSize);
        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db", built.Host);
        Assert.Equal("unbuilt", built.Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=30")]
    [InlineData("MaxPoolSize=30")]
    [InlineData("maximum pool size=30")]
    public void A_pool_size_in_the_string_is_kept(string setting)
    {
        var built = Defaults($"Host=db;{setting};Max Auto Prepare=0;No Reset On Close=false", 2);
        Assert.Equal(30, built.MaxPoolSize);
        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.False(built.NoResetOnClose);
    }

    [Fact]
    public void A_minimum_pool_above_the_default_raises_the_maximum_to_it()
    {
        var built = Defaults("Host=db;Minimum Pool Size=20", 2);
        Assert.Equal(20, built.MinPoolSize);
        Assert.Equal(20, built.MaxPoolSize);
    }
}
