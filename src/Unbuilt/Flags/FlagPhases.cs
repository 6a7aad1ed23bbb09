using System.Text.Json;
using System.Text.Json.Serialization;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// A flag's rollout plan (its own, stored as JSON, or the default) and the phase names beyond the plan's.
public static class FlagPhases
{
    /// Switched off by a rollback or a kill switch, with percentage, tiers and users kept for a restore.
    public const string Rollback = RolloutPlan.RollbackName;

    /// A state that matches no phase of the plan (a hand-set percentage, say).
    public const string Custom = "custom";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static RolloutPlan PlanOf(FeatureFlag flag) =>
        flag.RolloutPlan is null ? RolloutPlan.Default : Parse(flag.RolloutPlan);

    public static string Serialize(RolloutPlan plan) => JsonSerializer.Serialize(plan.Phases, Json);

    public static RolloutPlan Parse(string json) =>
        new(JsonSerializer.Deserialize<RolloutPhase[]>(json, Json) ?? throw new JsonException("A rollout plan is a JSON array of phases."));

    /// Reads a plan sent by a client; the error says what is wrong with it.
    public static bool TryParse(JsonElement json, out RolloutPlan? plan, out string? error)
    {
        plan = null;
        error = null;
        try
        {
            plan = Parse(json.GetRawText());
            return true;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            error = "rolloutPlan is not a valid list of phases: " + e.Message.Split(" Path:")[0];
            return false;
        }
    }

    /// The plan phase a flag is in, from its stored phase name or, failing that, from its state; null after a
    /// rollback or when the state matches no phase.
    public static RolloutPhase? CurrentPhase(FeatureFlag flag, RolloutPlan plan)
    {
        if (flag.Phase == Rollback) return null;
        return (flag.Phase is null ? null : plan.Find(flag.Phase))
            ?? plan.PhaseOf(flag.Enabled, flag.RolloutPercentage, StoredFlags.Tiers(flag), flag.Segments);
    }
}
