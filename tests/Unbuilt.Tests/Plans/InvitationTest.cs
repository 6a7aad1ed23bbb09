using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Plans.Changes;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Plans;


/// Small member and invitation limits, and every published change recorded in place of the real-time layer.
public sealed class InvitationServer : UnbuiltServer
{
    public ConcurrentQueue<PlanChange> Published { get; } = new();

    protected override IEnumerable<string> Settings => ["Unbuilt:Limits:MembersPerPlan=4", "Unbuilt:Limits:PendingInvitationsPerPlan=3"];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IPlanChangePublisher>(new Recorder(Published));

    private sealed class Recorder(ConcurrentQueue<PlanChange> published) : IPlanChangePublisher
    {
        public ValueTask PublishAsync(PlanChange change, CancellationToken ct)
        {
            published.Enqueue(change);
            return ValueTask.CompletedTask;
        }
    }
}

/// Helpers shared by the invitation tests of each sign-up mode.
public abstract class InvitationTest<TServer>(TServer server) : PlanTest<TServer>(server) where TServer : UnbuiltServer
{
    protected static async Task<JsonElement> InviteAsync(HttpClient owner, int planId, string role = "editor", string? email = null) =>
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/invitations", new { role, email }));

    protected static string Token(JsonElement invitation) => invitation.GetProperty("token").GetString()!;

    protected static Task<HttpResponseMessage> AcceptAsync(HttpClient client, JsonElement invitation) =>
        client.PostAsync($"/api/invitations/{Token(invitation)}/accept", null);

    protected static object SignUpForm(string email, string? invitation, string displayName = "Newcomer") =>
        new { email, displayName, password = "plum tractor violin", invitation };

    protected Task<List<string>> HistoryActionsAsync(int planId) =>
        DbAsync(db => db.TaskHistory.Where(h => h.PlanId == planId).OrderBy(h => h.Id).Select(h => h.Action).ToListAsync());

    protected Task<string?> RoleOfAsync(int planId, int userId) => DbAsync(db => db.PlanMembers
        .Where(m => m.PlanId == planId && m.UserId == userId).Select(m => m.Role.ToString().ToLowerInvariant()).FirstOrDefaultAsync());

    protected Task ExpireAsync(int invitationId) => DbAsync(db => db.PlanInvitations.Where(i => i.Id == invitationId)
        .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
}
