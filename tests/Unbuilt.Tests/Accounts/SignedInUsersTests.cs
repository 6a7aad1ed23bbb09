using Unbuilt.Accounts;
using Unbuilt.Data.Accounts;
using Unbuilt.Settings;

namespace Unbuilt.Tests.Accounts;

/// The cookie check's user rows: reused within the window, read again after it, after a change here, or when the
/// row is gone.
public sealed class SignedInUsersTests
{
    private readonly ManualClock clock = new();
    private int reads;
    private Tier stored = Tier.Free;
    private bool exists = true;

    private SignedInUsers Users(int seconds = 1) => new(new UnbuiltOptions { UserRefreshSeconds = seconds }, clock);

    private Task<SignedInSession?> Read(CancellationToken ct)
    {
        reads++;
        return Task.FromResult(exists
            ? new SignedInSession(70, default, new User { Id = 7, Email = "ada@example.com", DisplayName = "Ada", PasswordHash = "x", Tier = stored })
            : null);
    }

    [Fact]
    public async Task A_row_is_reused_within_the_window_and_read_again_after_it()
    {
        var users = Users(seconds: 1);
        await users.GetAsync("s7", Read, default);
        stored = Tier.Pro; // as `unbuilt users set-tier` does, straight in the database

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(Tier.Free, (await users.GetAsync("s7", Read, default))!.User.Tier);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Tier.Pro, (await users.GetAsync("s7", Read, default))!.User.Tier);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_change_made_here_is_read_on_the_next_request()
    {
        var users = Users();
        await users.GetAsync("s7", Read, default);
        stored = Tier.Enterprise;

        users.Forget(7);

        Assert.Equal(Tier.Enterprise, (await users.GetAsync("s7", Read, default))!.User.Tier);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_read_that_started_before_a_change_is_not_kept()
    {
        var users = Users();
        var reading = new TaskCompletionSource<SignedInSession?>();
        var slow = users.GetAsync("s7", _ => { reads++; return reading.Task; }, default);

        users.Forget(7); // the change commits while the old row is on its way
        reading.SetResult(new SignedInSession(70, default, new User { Id = 7, Email = "ada@example.com", DisplayName = "Ada", PasswordHash = "x", Tier = Tier.Free }));
        await slow;
        stored = Tier.Pro;

        Assert.Equal(Tier.Pro, (await users.GetAsync("s7", Read, default))!.User.Tier);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_missing_user_is_never_kept()
    {
        var users = Users();
        exists = false;
        Assert.Null(await users.GetAsync("s7", Read, default));
        exists = true;
        Assert.NotNull(await users.GetAsync("s7", Read, default));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Zero_seconds_reads_on_every_request()
    {
        var users = Users(seconds: 0);
        await users.GetAsync("s7", Read, default);
        await users.GetAsync("s7", Read, default);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Forgetting_all_reads_every_row_again()
    {
        var users = Users();
        await users.GetAsync("s7", Read, default);
        users.ForgetAll();
        await users.GetAsync("s7", Read, default);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Rows_past_their_window_are_dropped_once_many_are_kept()
    {
        var users = Users();
        for (var id = 1; id <= SignedInUsers.PruneAbove; id++)
            await users.GetAsync($"s{id}", _ => Task.FromResult<SignedInSession?>(new SignedInSession(id, default, new User { Id = id, Email = $"u{id}@example.com", DisplayName = "U", PasswordHash = "x" })), default);
        Assert.Equal(SignedInUsers.PruneAbove, users.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        await users.GetAsync("s7", Read, default);

        Assert.Equal(1, users.Count);
    }
}
