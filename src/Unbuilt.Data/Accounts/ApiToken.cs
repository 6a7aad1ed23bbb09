namespace Unbuilt.Data.Accounts;

/// An API token. Only the SHA-256 of the secret is stored; the secret is shown once, when created.
public sealed class ApiToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// The first characters of the secret, so a user can tell tokens apart in a list.
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
