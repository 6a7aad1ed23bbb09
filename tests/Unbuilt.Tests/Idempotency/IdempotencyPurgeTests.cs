using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Data.Plans;
using Unbuilt.Hosting;
using Unbuilt.Idempotency;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Idempotency;

/// Expired idempotency records (and invitations long unusable) are deleted in the background, in batches; records
/// still within their lifetime stay.
public sealed class IdempotencyPurgeTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_purge_deletes_only_expired_records_in_as_many_batches_as_it_takes()
    {
        await Server.Services.GetRequiredService<IdempotencyPurge>().FirstPass; // the start's pass, done before rows go in
        var user = await TestUserAsync("founder@example.com");
        var now = DateTime.UtcNow;
        var expired = IdempotencyPurge.BatchSize + 1; // two batches
        await DbAsync(async db =>
        {
            for (var i = 0; i < expired; i++) db.IdempotencyRecords.Add(Record(user.Id, $"old-{i}", now.AddHours(-25).AddSeconds(-i)));
            db.IdempotencyRecords.Add(Record(user.Id, "fresh", now.AddMinutes(-5)));
            db.IdempotencyRecords.Add(Record(user.Id, "nearly", now - IdempotencyFilter.Lifetime + TimeSpan.FromMinutes(10)));
            return await db.SaveChangesAsync();
        });

        var deleted = await Server.Services.GetRequiredService<IdempotencyPurge>().PurgeAsync(default);

        Assert.Equal(expired, deleted);
        Assert.Equal(["fresh", "nearly"], await DbAsync(db => db.IdempotencyRecords.OrderBy(r => r.Key).Select(r => r.Key).ToListAsync()));
        Assert.Equal(0, await Server.Services.GetRequiredService<IdempotencyPurge>().PurgeAsync(default));
    }

    [Fact]
    public async Task The_same_purge_deletes_invitations_unusable_for_thirty_days_and_keeps_the_rest()
    {
        await Server.Services.GetRequiredService<IdempotencyPurge>().FirstPass;
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var now = DateTime.UtcNow;
        var longAgo = now - IdempotencyPurge.InvitationRetention - TimeSpan.FromHours(1);
        var recently = now - IdempotencyPurge.InvitationRetention + TimeSpan.FromHours(1);
        var ownerId = await DbAsync(db => db.Users.Where(u => u.Email == "owner@example.com").Select(u => u.Id).SingleAsync());
        PlanInvitation Invitation(string name, DateTime expires, DateTime? accepted = null, DateTime? revoked = null) => new()
        {
            PlanId = Id(plan), Role = MemberRole.Viewer, Email = name + "@example.com", TokenHash = name.PadRight(64, '0'),
            CreatedBy = ownerId, CreatedAt = now.AddDays(-60), ExpiresAt = expires, AcceptedAt = accepted, RevokedAt = revoked,
        };
        await DbAsync(async db =>
        {
            db.PlanInvitations.AddRange(
                Invitation("expired", longAgo), Invitation("accepted", now.AddDays(1), accepted: longAgo),
                Invitation("revoked", now.AddDays(1), revoked: longAgo), Invitation("pending", now.AddDays(1)),
                Invitation("recent", recently), Invitation("recentlyused", now.AddDays(1), accepted: recently));
            return await db.SaveChangesAsync();
        });

        Assert.Equal(3, await Server.Services.GetRequiredService<IdempotencyPurge>().PurgeInvitationsAsync(default));

        Assert.Equal(["pending@example.com", "recent@example.com", "recentlyused@example.com"],
            await DbAsync(db => db.PlanInvitations.OrderBy(i => i.Email).Select(i => i.Email!).ToListAsync()));
    }

    private static IdempotencyRecord Record(int userId, string key, DateTime createdAt) => new()
    {
        UserId = userId, Key = key, Method = "POST", Path = "/api/plans", RequestHash = new string('0', 64),
        StatusCode = 400, ResponseHeaders = "{}", CreatedAt = createdAt,
    };
}

/// `Unbuilt:Idempotency:PurgeMinutes` is checked at start-up.
public sealed class IdempotencySettingsTests() : SettingsSectionTest("Unbuilt:Idempotency")
{
    [Theory]
    [InlineData("PurgeMinutes=0")]
    [InlineData("PurgeMinutes=10081")]
    public Task A_purge_interval_out_of_range_stops_the_start(string setting) =>
        AssertStartRefusedAsync(setting, "Unbuilt:Idempotency:PurgeMinutes");

    [Fact]
    public async Task The_purge_runs_hourly_by_default()
    {
        await using var app = await ValidAsync();

        Assert.Equal(TimeSpan.FromHours(1), app.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.PurgeInterval);
    }
}
