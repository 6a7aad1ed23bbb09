namespace Unbuilt.Data.Plans;

/// A one-time link that makes whoever opens it (and signs in or up) a member of a plan. The link carries a 256-bit
/// token; only its SHA-256 is stored, so a database leak lets nobody in. Pending while not accepted, not revoked and
/// not expired.
public sealed class PlanInvitation
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    /// Editor or viewer: a plan has one owner.
    public MemberRole Role { get; set; }
    /// Normalized; when set, only the account with this email may accept.
    public string? Email { get; set; }
    public required string TokenHash { get; set; }
    public int CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// Set once, by the accept that wins: the update that sets it requires it to be unset.
    public DateTime? AcceptedAt { get; set; }
    public int? AcceptedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
}
