using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// Screenshots of the main pages at desktop and phone size. With UNBUILT_SCREENSHOTS=1 they go to
/// docs/screenshots/ (for the README); otherwise to the test output, so a normal run leaves the tree alone.
public sealed class ScreenshotTests(BrowserServer server) : BrowserTest(server)
{
    private static readonly string[] Shown = ["search", "plans", "plan", "admin-flag", "admin-monitoring"];

    [Fact]
    public async Task The_main_pages_are_captured_at_desktop_and_phone_size()
    {
        var (user, plan) = await UserWithPlanAsync();
        await Server.ShareAsync(user, plan.Id(), Admin.Email);
        await CompleteSomeAsync(user, plan.Id());
        var pages = MainPages.For(plan.Id(), MainPages.SearchId(plan), plan.Phases()[0].Tasks()[0].Title())
            .Where(p => Shown.Contains(p.Name)).ToList();
        var folder = Folder();

        foreach (var (size, width, height) in new[] { ("desktop", 1280, 800), ("phone", 390, 844) })
        {
            var page = await PageAsync(user, width, height);
            var admin = await PageAsync(Admin, width, height);
            foreach (var main in pages)
            {
                var shown = main.AdminOnly ? admin : page;
                await shown.GotoAsync(main.Path);
                await main.Ready(shown);
                await shown.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var path = Path.Combine(folder, $"{main.Name}-{size}.png");
                await shown.ScreenshotAsync(new() { Path = path });
                Assert.True(new FileInfo(path).Length > 10_000, $"{path} is nearly empty.");
            }
        }
    }

    /// A plan part-way through, so the screenshots show progress, statuses and a blocked task.
    private async Task CompleteSomeAsync(TestUser user, int planId)
    {
        using var client = Server.Client(user);
        var plan = await Server.PlanAsync(user, planId);
        var tasks = plan.Phases()[0].Tasks();
        await Send(client, HttpMethod.Patch, $"/api/tasks/{tasks[0].Id()}", new { status = "completed" });
        await Send(client, HttpMethod.Patch, $"/api/tasks/{tasks[1].Id()}", new { status = "inProgress" });
        await Send(client, HttpMethod.Post, $"/api/tasks/{tasks[3].Id()}/dependencies", new { prerequisiteTaskId = tasks[2].Id() });
    }

    private static async Task Send(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static string Folder()
    {
        if (Environment.GetEnvironmentVariable("UNBUILT_SCREENSHOTS") == "1")
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Unbuilt.slnx")))
                    return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
            }
        }
        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }
}
