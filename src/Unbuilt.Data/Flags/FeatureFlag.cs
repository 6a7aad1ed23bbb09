namespace Unbuilt.Data.Flags;

/// The guide's feature_flags table, column for column.
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
}
