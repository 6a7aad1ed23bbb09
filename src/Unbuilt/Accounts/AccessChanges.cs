namespace Unbuilt.Accounts;

/// Announces, after commit, that someone's access may have changed, so live connections re-check it at once on
/// every node instead of keeping what they were given when they connected or joined. The periodic re-check of live
/// access catches whatever is not announced (a change made by the CLI on a node without Redis, a lost message).
public interface IAccessChanges
{
    /// A session or API token of the user ended, or their account changed (disabled, role, tier, password).
    void UserChanged(int userId);

    /// Members of the plan were removed or changed role, or the plan was deleted.
    void PlanChanged(int planId);
}
