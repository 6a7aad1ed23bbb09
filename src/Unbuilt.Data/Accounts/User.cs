namespace Unbuilt.Data.Accounts;

public enum Tier { Free, Pro, Enterprise }

public enum Role { User, Admin }

public sealed class User
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public Tier Tier { get; set; }
    public Role Role { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
    /// Set by an admin: the user cannot sign in, and their sessions and API tokens stop working.
    public DateTime? DisabledAt { get; set; }
    /// Whether the address is known to be the user's: true for accounts an admin made (or vouched for), false for
    /// self-service sign-ups, whose address nobody checked. Segments match email domains only on trusted addresses.
    public bool EmailTrusted { get; set; }
}
