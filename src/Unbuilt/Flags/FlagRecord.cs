using System.Text.Json;
using Unbuilt.Api;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// A flag's state as feature_flag_changes keeps it before and after a change (timestamps aside). Segments is null
/// when the flag targets none, so records written before segments existed compare equal.
public sealed record FlagRecord(
    string Description, bool Enabled, int RolloutPercentage, IReadOnlyList<string> AllowedTiers,
    IReadOnlyList<int> AllowedUserIds, IReadOnlyList<int> BlockedUserIds, string? Phase, string GuardPolicy,
    JsonElement? RolloutPlan, bool Archived, string? AutoAdvanceUntil = null, IReadOnlyList<string>? Segments = null)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static FlagRecord Of(FeatureFlag flag, IEnumerable<UserFeatureFlag> entries) => new(
        flag.Description, flag.Enabled, flag.RolloutPercentage, [.. flag.AllowedTiers], [.. flag.AllowedUserIds],
        [.. entries.Where(e => !e.Enabled).Select(e => e.UserId).Order()], flag.Phase, flag.GuardPolicy,
        flag.RolloutPlan is null ? null : JsonSerializer.Deserialize<JsonElement>(flag.RolloutPlan), flag.ArchivedAt is not null,
        flag.AutoAdvanceUntil, flag.Segments.Count == 0 ? null : [.. flag.Segments]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiConventions.Configure(options);
        return options;
    }
}
