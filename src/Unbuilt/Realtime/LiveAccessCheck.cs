using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;
using Unbuilt.Data.Plans;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;
using Unbuilt.Plans;
using Unbuilt.Settings;

namespace Unbuilt.Realtime;

/// What a live connection is told when its access ends or changes. The reasons are listed on the records so the
/// OpenAPI document (and the web client's types) name every one.
public sealed record SignedOut(
    [property: AllowedValues(SignedOut.AccountDisabled, SignedOut.SessionRevoked, SignedOut.SessionExpired, SignedOut.TokenRevoked)]
    string Reason, string Message)
{
    public const string AccountDisabled = "account-disabled";
    public const string SessionRevoked = "session-revoked";
    public const string SessionExpired = "session-expired";
    public const string TokenRevoked = "token-revoked";
}

public sealed record AccessEnded(int PlanId,
    [property: AllowedValues(AccessEnded.Removed, AccessEnded.FeatureOff, AccessEnded.PlanDeleted)] string Reason, string Message)
{
    public const string Removed = "removed";
    public const string FeatureOff = "feature-off";
    public const string PlanDeleted = "plan-deleted";
}

public sealed record AccessChanged(int PlanId, MemberRole Role);

/// What a check found for a set of live connections: the ones to close, the plans they must leave, the roles they
/// must be told, and their place in the admins group.
public sealed class AccessVerdicts
{
    public List<(LiveConnection Connection, SignedOut Why)> Ends { get; } = [];
    public List<(LiveConnection Connection, AccessEnded Why)> Leaves { get; } = [];
    public List<(LiveConnection Connection, AccessChanged Change)> Roles { get; } = [];
    public List<(LiveConnection Connection, bool Admin)> Admins { get; } = [];

    public bool Any => Ends.Count + Leaves.Count + Roles.Count + Admins.Count > 0;
}

/// Checks live connections against the database as a request would be checked now: the account (exists, not
/// disabled, its role), what proved the connection (its cookie's session, or its API token), and each watched
/// plan (still a member, with which role, and the action-plan feature still on for the user). A few queries for
/// any number of connections.
public sealed class LiveAccessCheck(FlagSnapshotStore flags, UnbuiltOptions unbuilt, TimeProvider clock)
{
    private const int Chunk = 500; // ids per IN list, well under every provider's parameter limit

    public async Task<AccessVerdicts> EvaluateAsync(UnbuiltDbContext db, IReadOnlyList<LiveConnection> connections, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idle = unbuilt.Sessions.Idle;
        var verdicts = new AccessVerdicts();
        var live = connections.Where(c => !c.Ending).ToList();
        if (live.Count == 0) return verdicts;

        var users = await ByIdAsync(live.Select(c => c.UserId), ids =>
            db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new UserState(u.Id, u.Role, u.Tier, u.DisabledAt, u.Email, u.EmailTrusted, u.CreatedAt)), u => u.Id, ct);
        var sessions = await ByIdAsync(live.Select(c => c.SessionId).OfType<int>(), ids =>
            db.UserSessions.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new CredentialState(s.Id, s.RevokedAt, s.ExpiresAt, s.LastSeenAt)), s => s.Id, ct);
        var tokens = await ByIdAsync(live.Select(c => c.TokenId).OfType<int>(), ids =>
            db.ApiTokens.AsNoTracking().Where(t => ids.Contains(t.Id))
                .Select(t => new CredentialState(t.Id, t.RevokedAt, t.ExpiresAt, null)), t => t.Id, ct);

        // Each connection's plans as of now: a plan joined while this check reads is not in what it read, and must not
        // look deleted to it (the join checked its own access; the next check covers it).
        var joined = live.ToDictionary(c => c, c => c.Plans.ToArray());
        var watched = joined.Values.SelectMany(p => p.Select(e => e.Key)).Distinct().ToList();
        var plans = (await ByIdAsync(watched, ids => db.ActionPlans.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => p.Id),
            id => id, ct)).Keys.ToHashSet();
        var watchers = live.Where(c => joined[c].Length > 0).Select(c => c.UserId).Distinct().ToList();
        var roles = new Dictionary<(int PlanId, int UserId), MemberRole>();
        foreach (var planChunk in watched.Chunk(Chunk))
            foreach (var userChunk in watchers.Chunk(Chunk))
                foreach (var m in await db.PlanMembers.AsNoTracking()
                             .Where(m => planChunk.Contains(m.PlanId) && userChunk.Contains(m.UserId))
                             .Select(m => new { m.PlanId, m.UserId, m.Role }).ToListAsync(ct))
                    roles[(m.PlanId, m.UserId)] = m.Role;

        foreach (var connection in live)
        {
            users.TryGetValue(connection.UserId, out var user);
            if (CredentialEnded(connection, user, sessions, tokens, now, idle) is { } ended)
            {
                verdicts.Ends.Add((connection, ended));
                continue;
            }
            var admin = user!.Role == Role.Admin;
            if (admin != connection.InAdmins) verdicts.Admins.Add((connection, admin));
            var featureOn = flags.Evaluate(PlanFeature.Name, FlagCallers.For(user.Id, user.Tier, user.Email, user.EmailTrusted, user.CreatedAt, now)).Enabled;
            foreach (var (planId, told) in joined[connection])
            {
                if (!plans.Contains(planId))
                    verdicts.Leaves.Add((connection, new AccessEnded(planId, AccessEnded.PlanDeleted, "This plan was deleted.")));
                else if (!roles.TryGetValue((planId, user.Id), out var role))
                    verdicts.Leaves.Add((connection, new AccessEnded(planId, AccessEnded.Removed, "You are no longer a member of this plan.")));
                else if (!featureOn)
                    verdicts.Leaves.Add((connection, new AccessEnded(planId, AccessEnded.FeatureOff, "Action plans are not available to you at the moment.")));
                else if (role != told)
                    verdicts.Roles.Add((connection, new AccessChanged(planId, role)));
            }
        }
        return verdicts;
    }

    private static SignedOut? CredentialEnded(LiveConnection connection, UserState? user, Dictionary<int, CredentialState> sessions,
        Dictionary<int, CredentialState> tokens, DateTime now, TimeSpan idle)
    {
        if (user is null) return new SignedOut(SignedOut.AccountDisabled, "This account no longer exists.");
        if (user.DisabledAt is not null) return new SignedOut(SignedOut.AccountDisabled, "Your account has been disabled.");
        if (connection.SessionId is { } sessionId)
        {
            if (!sessions.TryGetValue(sessionId, out var session) || session.RevokedAt is not null)
                return new SignedOut(SignedOut.SessionRevoked, "You were signed out of this session.");
            if (session.ExpiresAt <= now || session.LastSeenAt <= now - idle)
                return new SignedOut(SignedOut.SessionExpired, "Your session has expired; sign in again.");
        }
        if (connection.TokenId is { } tokenId &&
            (!tokens.TryGetValue(tokenId, out var token) || token.RevokedAt is not null || token.ExpiresAt <= now))
            return new SignedOut(SignedOut.TokenRevoked, "The API token this connection signed in with was revoked or has expired.");
        return null;
    }

    private static async Task<Dictionary<int, T>> ByIdAsync<T>(IEnumerable<int> ids, Func<int[], IQueryable<T>> query, Func<T, int> key,
        CancellationToken ct)
    {
        var found = new Dictionary<int, T>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
            foreach (var row in await query(chunk).ToListAsync(ct))
                found[key(row)] = row;
        return found;
    }

    private sealed record UserState(int Id, Role Role, Tier Tier, DateTime? DisabledAt, string Email, bool EmailTrusted, DateTime CreatedAt);

    private sealed record CredentialState(int Id, DateTime? RevokedAt, DateTime? ExpiresAt, DateTime? LastSeenAt);
}
