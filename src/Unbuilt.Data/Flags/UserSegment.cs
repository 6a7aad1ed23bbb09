namespace Unbuilt.Data.Flags;

/// A named, reusable targeting rule (segments table): the users listed by id, and the users for whom every condition
/// set holds (email domain, tier, account age). Flags and rollout phases refer to it by name, which never changes.
public sealed class UserSegment
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public List<int> UserIds { get; set; } = [];

    /// Lower case, e.g. "unbuilt.io"; an address matches its domain or a parent domain.
    public List<string> EmailDomains { get; set; } = [];

    /// Tier names (free, pro, enterprise); empty: the tier is not a condition.
    public List<string> Tiers { get; set; } = [];

    /// null: the account's age is not a condition.
    public int? MinAccountAgeDays { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// One change to a segment (create, update, delete) with its state before and after as JSON, who made it and why;
/// the name is kept so the history outlives a deleted segment.
public sealed class SegmentChange
{
    public long Id { get; set; }
    public int? SegmentId { get; set; }
    public required string SegmentName { get; set; }
    public required string Action { get; set; }
    public int? ActorUserId { get; set; }
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public string? Before { get; set; }
    public required string After { get; set; }
    public DateTime CreatedAt { get; set; }
}
