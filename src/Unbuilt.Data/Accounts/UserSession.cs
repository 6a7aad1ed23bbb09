namespace Unbuilt.Data.Accounts;

/// A signed-in browser. The cookie carries a 256-bit secret; only its SHA-256 is stored, so a database leak signs
/// nobody in. Id is what the user sees and revokes by; it is no credential.
public sealed class UserSession
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    /// Moved forward at most once a minute, so a busy browser does not write on every request.
    public DateTime LastSeenAt { get; set; }
    /// The absolute end, however active the session is.
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? UserAgent { get; set; }
    public string? Address { get; set; }
}
