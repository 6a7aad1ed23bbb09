using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Flags;

/// Helpers for flag tests: an admin with a Bearer token, and the questions tests ask of the API.
public abstract class FlagTest<TServer>(TServer server) : IntegrationTest<TServer>(server) where TServer : UnbuiltServer
{
    public const string Flag = "action_plan_customization";
    protected const string Api = "/api/feature-flags";

    protected async Task<HttpClient> AdminAsync(string email = "root@example.com") =>
        Server.Client(await Server.CreateUserAsync(email, Tier.Enterprise, Role.Admin));

    protected Task<JsonElement> InitAsync(HttpClient admin, string name = Flag) =>
        OkJson(admin.PostAsync($"{Api}/{name}/init", null));

    protected Task<JsonElement> DeployAsync(HttpClient admin, string phase, string name = Flag) =>
        OkJson(admin.PostAsJsonAsync($"{Api}/{name}/deploy", new { phase }));

    protected Task<JsonElement> GetFlagAsync(HttpClient admin, string name = Flag) => OkJson(admin.GetAsync($"{Api}/{name}"));

    /// Whether the user sees the flag, asked the way the web app asks: as the user, through check/{name}.
    protected async Task<bool> SeesAsync(TestUser user, string name = Flag) =>
        (await OkJson(Server.Client(user).GetAsync($"{Api}/check/{name}"))).GetProperty("enabled").GetBoolean();

    protected async Task<string> ReasonForAsync(TestUser user, string name = Flag) =>
        (await OkJson(Server.Client(user).GetAsync($"{Api}/check/{name}"))).GetProperty("reason").GetString()!;

    protected static List<int> Ints(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetInt32())];

    protected static List<string> Strings(JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// The enabled user_feature_flags rows of a flag, straight from the table.
    protected Task<List<int>> EnabledRowsAsync(string name = Flag) => DbAsync(db =>
        db.UserFeatureFlags.Where(e => e.Enabled && db.FeatureFlags.Any(f => f.Id == e.FeatureFlagId && f.Name == name))
            .Select(e => e.UserId).OrderBy(id => id).ToListAsync());

    /// Moves the start of the flag's current phase back: a phase's planned duration cannot pass over HTTP.
    protected Task PhaseStartedAgoAsync(TimeSpan ago, string name = Flag) => DbAsync(db =>
        db.FeatureFlags.Where(f => f.Name == name).ExecuteUpdateAsync(s => s.SetProperty(f => f.PhaseStartedAt, DateTime.UtcNow - ago)));

    /// allowed_user_ids as stored in the column.
    protected Task<List<int>> AllowedColumnAsync(string name = Flag) => DbAsync(async db =>
        (await db.FeatureFlags.AsNoTracking().SingleAsync(f => f.Name == name)).AllowedUserIds);
}

public abstract class FlagTest(UnbuiltServer server) : FlagTest<UnbuiltServer>(server);
