namespace Unbuilt.Data.Search;

/// One ranked result of a search, copied from its source so it stays as the user saw it.
public sealed class SearchResultRecord
{
    public int Id { get; set; }
    public int SearchId { get; set; }
    public int Rank { get; set; }
    /// The catalogue entry's stable id (or the provider's id for another source).
    public required string SourceId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public string? Industry { get; set; }
    public int InnovationScore { get; set; }
    public required string Feasibility { get; set; }
    public required string MarketPotential { get; set; }
    public required string MarketSize { get; set; }
    public required string TargetAudience { get; set; }
    public required string GapReason { get; set; }
    public int Confidence { get; set; }
}
