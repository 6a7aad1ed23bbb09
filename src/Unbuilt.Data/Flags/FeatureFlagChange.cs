namespace Unbuilt.Data.Flags;

/// One change to a flag, whoever made it (an admin through the API or CLI, the rollout guard), with the flag's
/// state before and after as JSON. The name is kept too, so the history outlives a deleted flag.
public sealed class FeatureFlagChange
{
    public long Id { get; set; }
    public int? FeatureFlagId { get; set; }
    public required string FlagName { get; set; }

    /// What was done: create, update, rollout, add_user, block_user, remove_user, deploy, rollback, advance, init,
    /// archive, restore, delete.
    public required string Action { get; set; }
    public int? ActorUserId { get; set; }

    /// Who, in words: a user's email, "guard", "cli"….
    public required string Actor { get; set; }
    public string? Reason { get; set; }

    /// The user a change was about (add_user, block_user, remove_user), and who that was in words ("Name (email)"),
    /// kept so the history still names them after the account is gone.
    public int? TargetUserId { get; set; }
    public string? Target { get; set; }
    public string? Before { get; set; }
    public required string After { get; set; }
    public DateTime CreatedAt { get; set; }
}
