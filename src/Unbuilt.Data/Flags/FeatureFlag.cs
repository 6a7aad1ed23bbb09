namespace Unbuilt.Data.Flags;

/// The guide's feature_flags table, column for column, then the columns our rollout adds.
public sealed class FeatureFlag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public bool Enabled { get; set; }
    public int RolloutPercentage { get; set; }
    public List<string> AllowedTiers { get; set; } = [];
    public List<int> AllowedUserIds { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// The rollout phase the flag is in (init, internal, beta…, "rollback", "custom"); null before any is known.
    public string? Phase { get; set; }
    public DateTime? PhaseStartedAt { get; set; }

    /// The names of the segments whose members get the flag on (after user entries, before tiers); a phase deploys
    /// its own list.
    public List<string> Segments { get; set; } = [];

    /// This flag's own rollout phases as JSON; null means the default plan.
    public string? RolloutPlan { get; set; }

    /// What guarded rollout does when a threshold breaks: alert | step-down | rollback.
    public string GuardPolicy { get; set; } = "alert";

    /// The phase a scheduled rollout advances to by itself (each step once the current phase has run its planned
    /// duration with its health gate holding); null when every step is taken by hand.
    public string? AutoAdvanceUntil { get; set; }

    /// When the flag was archived: it then evaluates as if it did not exist and is left out of the flag list; null
    /// while it is live. Restoring clears it.
    public DateTime? ArchivedAt { get; set; }

    /// The last time any node evaluated the flag, flushed from memory every Unbuilt:Flags:UsageFlushSeconds.
    public DateTime? LastEvaluatedAt { get; set; }

    /// Since when the flag has been settled at 100 % for all tiers or switched off (null while in between): after
    /// Unbuilt:Flags:ReadyToRemoveAfterDays it is ready to remove from the code.
    public DateTime? SteadySince { get; set; }
}
