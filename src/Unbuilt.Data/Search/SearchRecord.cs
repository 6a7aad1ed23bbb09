namespace Unbuilt.Data.Search;

/// A search a user ran, with the results it returned (kept, so a plan can cite the result it came from).
public sealed class SearchRecord
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Query { get; set; }
    public DateTime CreatedAt { get; set; }
    /// Set when the user deletes it from their history: the row stays so the free tier's monthly count still
    /// includes it (deleting must not hand out searches) and plans made from its results keep their origin.
    public DateTime? DeletedAt { get; set; }
    public List<SearchResultRecord> Results { get; set; } = [];
}
