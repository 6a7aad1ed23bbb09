namespace Unbuilt.Data.Plans;

/// The first answer to a request with an Idempotency-Key, replayed for 24 h to retries of the same request.
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    /// SHA-256 of the method, path and bound arguments: the same key with another request is refused.
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? ResponseBody { get; set; }
    /// The headers a retry must see again (ETag, Location), as a JSON object.
    public string? ResponseHeaders { get; set; }
    public DateTime CreatedAt { get; set; }
}
