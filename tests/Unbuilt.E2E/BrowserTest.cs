using System.Text.Json;
using Microsoft.Playwright;
using Unbuilt.Data.Accounts;

namespace Unbuilt.E2E;

/// A browser test: a fresh database with the action-plan flag on (set by an admin through the flags API), and
/// pages whose browser contexts close when the test ends.
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserServer server) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserServer Server { get; } = server;
    protected TestUser Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        await Server.ResetAsync();
        Admin = await Server.PlansOnAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
    }

    protected Task<TestUser> UserAsync(string email = "ada@example.com") => Server.CreateUserAsync(email, Tier.Pro);

    protected async Task<IPage> PageAsync(TestUser user, int width = 1280, int height = 800, bool touch = false)
    {
        var page = await Server.SignedInPageAsync(user, width, height, touch);
        contexts.Add(page.Context);
        return page;
    }

    protected async Task<IPage> AnonymousPageAsync(int width = 1280, int height = 800)
    {
        var page = await Server.NewPageAsync(width, height);
        contexts.Add(page.Context);
        return page;
    }

    /// A user with a plan (from the first result for "pet care"), and the plan as the API returned it.
    protected async Task<(TestUser User, JsonElement Plan)> UserWithPlanAsync(string email = "ada@example.com")
    {
        var user = await UserAsync(email);
        return (user, await Server.CreatePlanAsync(user));
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
