namespace Unbuilt.Idempotency;

/// Whether a stored answer may be replayed to its caller now. A stored answer is the caller's own, but what it shows
/// may have been taken from them since (a plan they were removed from): a feature whose answers can be taken away
/// registers one of these (Plans/Idempotency/ReplayAccess), and a replay any of them refuses answers as it says.
public interface IReplayAccess
{
    /// Null when the caller may see the stored answer of this request again; otherwise the answer to give instead.
    Task<IResult?> DenyAsync(HttpContext http, CancellationToken ct);
}
