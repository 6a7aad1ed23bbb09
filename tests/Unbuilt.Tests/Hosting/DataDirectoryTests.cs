using Microsoft.Extensions.Logging;
using Unbuilt.Accounts;
using Unbuilt.Cli;
using Unbuilt.Hosting;

namespace Unbuilt.Tests.Hosting;

/// Other classes' test databases clear every SQLite pool when they are disposed (a process-wide call), and closing
/// the last connection removes the -wal file this class checks, so it runs with nothing beside it.
[CollectionDefinition(nameof(DataDirectoryCollection), DisableParallelization = true)]
public sealed class DataDirectoryCollection;

/// A first start on SQLite with a data directory that does not exist yet: everything in it is the owner's alone.
[Collection(nameof(DataDirectoryCollection))]
public sealed class DataDirectoryTests : IDisposable
{
    private readonly DirectoryInfo parent = Directory.CreateTempSubdirectory("unbuilt-modes-");
    private string Data => Path.Combine(parent.FullName, "data");

    [Fact]
    public async Task The_data_directory_is_0700_and_the_key_file_and_database_files_0600()
    {
        if (OperatingSystem.IsWindows()) return; // no Unix modes there
        await using var app = UnbuiltWebApp.Build(Args(), builder => builder.Logging.ClearProviders());
        await ServeCommand.PrepareAsync(app, migrate: true, demo: false, TextWriter.Null, CancellationToken.None);

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Data));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(Data, KeyRing.DefaultFileName)));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(Data, "unbuilt.db")));
        Assert.True(File.Exists(Path.Combine(Data, "unbuilt.db-wal")), "the first start writes the admin through the WAL");
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(Data, "unbuilt.db-wal")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(Data, "unbuilt.db-shm")));
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("c2hvcnQ=")]
    public void A_key_file_that_is_not_32_bytes_of_base64_stops_the_start(string contents)
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, KeyRing.DefaultFileName), contents);

        var refused = Assert.Throws<InvalidOperationException>(() => UnbuiltWebApp.Build(Args(), b => b.Logging.ClearProviders()));

        Assert.Contains("must be 32 random bytes in base64", refused.Message);
    }

    [Fact]
    public void A_named_key_file_that_does_not_exist_stops_the_start()
    {
        var missing = Path.Combine(parent.FullName, "nowhere.key");

        var refused = Assert.Throws<InvalidOperationException>(() =>
            UnbuiltWebApp.Build([.. Args(), $"--Unbuilt:KeyRing:KeyFile={missing}"], b => b.Logging.ClearProviders()));

        Assert.Contains("does not exist", refused.Message);
    }

    [Fact]
    public void A_configured_key_is_used_instead_of_a_file()
    {
        var key = Convert.ToBase64String(new byte[32]);

        using var app = UnbuiltWebApp.Build([.. Args(), $"--Unbuilt:KeyRing:Key={key}"], b => b.Logging.ClearProviders());

        Assert.False(File.Exists(Path.Combine(Data, KeyRing.DefaultFileName)));
    }

    private string[] Args() => ["--urls=http://127.0.0.1:0", "--Database:Provider=Sqlite", $"--Unbuilt:DataDirectory={Data}"];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        parent.Delete(recursive: true);
    }
}
