using System.Globalization;

namespace Unbuilt.LoadTest;

/// Setup for one virtual user, as the web app does it: a search, a plan from its first result, then tasks added
/// round-robin across the plan's phases until it holds the wanted number.
public static class PlanBuilder
{
    private static readonly string[] Queries =
    [
        "meal planning for busy parents", "remote team onboarding", "pet care scheduling", "local tutoring marketplace",
        "inventory for small farms", "accessible travel booking", "elderly care coordination", "freelancer invoicing",
    ];

    public static async Task<PlanShape> BuildAsync(BrowserSession session, int index, int tasks, CancellationToken ct)
    {
        var query = Queries[index % Queries.Length];
        var search = await ExpectAsync(session.SendAsync(HttpMethod.Post, "api/search", new { query }, null, ct), "POST api/search");
        var results = search.Json().GetProperty("results");
        if (results.GetArrayLength() == 0) throw new LoadTestException($"The search '{query}' found nothing to build a plan from.");

        var created = await ExpectAsync(session.SendAsync(HttpMethod.Post, "api/plans",
            new { searchResultId = results[0].GetProperty("id").GetInt32() }, null, ct), "POST api/plans");
        var plan = PlanShape.From(created.Body);
        var phases = plan.PhaseIds;
        for (var n = plan.TaskCount; n < tasks; n++)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"Load test task {n + 1}");
            await ExpectAsync(session.SendAsync(HttpMethod.Post, $"api/plans/{plan.PlanId}/tasks",
                new { phaseId = phases[n % phases.Count], title }, null, ct), "POST api/plans/{id}/tasks");
        }
        var loaded = await ExpectAsync(session.SendAsync(HttpMethod.Get, $"api/plans/{plan.PlanId}", null, null, ct), "GET api/plans/{id}");
        return PlanShape.From(loaded.Body);
    }

    private static async Task<Answer> ExpectAsync(Task<Answer> sending, string request)
    {
        var answer = await sending;
        return answer.IsSuccess ? answer : throw new LoadTestException($"Setup failed: {answer.Describe(request)}");
    }
}
