namespace Unbuilt.Data.Flags;

/// The guide's user_feature_flags table: an explicit per-user answer (a beta user, or a user blocked on purpose).
public sealed class UserFeatureFlag
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public int FeatureFlagId { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime EnabledAt { get; set; }
    public DateTime? DisabledAt { get; set; }
}
