using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Flags;

/// allowed_user_ids always equals the flag's enabled user_feature_flags rows, whichever route changed them.
public sealed class BetaUserTests(UnbuiltServer server) : FlagTest(server)
{
    private async Task<TestUser[]> UsersAsync(int count) =>
        [.. await Task.WhenAll(Enumerable.Range(1, count).Select(i => Server.CreateUserAsync($"u{i}@example.com")))];

    private async Task AssertInStepAsync(HttpClient admin, IEnumerable<int> expected)
    {
        var ids = expected.Order().ToList();
        Assert.Equal(ids, await EnabledRowsAsync());
        Assert.Equal(ids, await AllowedColumnAsync());
        Assert.Equal(ids, Ints(await GetFlagAsync(admin), "allowedUserIds"));
    }

    [Fact]
    public async Task Adding_never_removes_others_and_removing_takes_out_only_that_user()
    {
        var admin = await AdminAsync();
        var users = await UsersAsync(3);
        await InitAsync(admin);

        foreach (var user in users) await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = user.Id }));
        await AssertInStepAsync(admin, users.Select(u => u.Id));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[0].Id }));
        await AssertInStepAsync(admin, users.Select(u => u.Id));

        await OkJson(admin.DeleteAsync($"{Api}/{Flag}/users/{users[1].Id}"));
        await AssertInStepAsync(admin, [users[0].Id, users[2].Id]);
        await AssertProblem(await admin.DeleteAsync($"{Api}/{Flag}/users/{users[1].Id}"), 404);
    }

    [Fact]
    public async Task Re_adding_a_disabled_entry_enables_it_again()
    {
        var admin = await AdminAsync();
        var users = await UsersAsync(2);
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[0].Id }));
        var blocked = await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[1].Id, enabled = false }));
        Assert.Equal([users[1].Id], Ints(blocked, "blockedUserIds"));
        await AssertInStepAsync(admin, [users[0].Id]);

        var readded = await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[1].Id }));

        Assert.Empty(Ints(readded, "blockedUserIds"));
        await AssertInStepAsync(admin, users.Select(u => u.Id));
        var row = await DbAsync(db => db.UserFeatureFlags.SingleAsync(e => e.UserId == users[1].Id));
        Assert.True(row.Enabled);
        Assert.Null(row.DisabledAt);
    }

    [Fact]
    public async Task Posting_allowed_user_ids_replaces_the_beta_list_and_keeps_blocks()
    {
        var admin = await AdminAsync();
        var users = await UsersAsync(4);
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[0].Id }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[1].Id }));
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = users[3].Id, enabled = false }));

        var flag = await OkJson(admin.PostAsJsonAsync(Api, new { name = Flag, allowedUserIds = new[] { users[1].Id, users[2].Id } }));

        await AssertInStepAsync(admin, [users[1].Id, users[2].Id]);
        Assert.Equal([users[3].Id], Ints(flag, "blockedUserIds"));
        flag = await OkJson(admin.PatchAsJsonAsync($"{Api}/{Flag}", new { allowedUserIds = Array.Empty<int>() }));
        Assert.Empty(Ints(flag, "allowedUserIds"));
        await AssertInStepAsync(admin, []);
    }

    [Fact]
    public async Task Concurrent_adds_lose_no_user()
    {
        var admin = await AdminAsync();
        var users = await UsersAsync(8);
        await InitAsync(admin);

        var responses = await Task.WhenAll(users.Select(u => admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = u.Id })));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        await AssertInStepAsync(admin, users.Select(u => u.Id));
    }
}
