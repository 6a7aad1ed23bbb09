using Microsoft.Playwright;

namespace Unbuilt.E2E;

/// The real app plus Debian's Chromium driven by Playwright. Playwright's own browser download cannot work here,
/// so the browser is /usr/bin/chromium (or UNBUILT_CHROMIUM); without it the suite fails with the command to run.
public sealed class BrowserServer : UnbuiltServer
{
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("UNBUILT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: run `apt-get install -y chromium` (or set UNBUILT_CHROMIUM).");
        await base.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// A page in a fresh context; <paramref name="touch"/> makes it a phone: a touch screen, mobile viewport rules.
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            IsMobile = touch,
        });
        return await context.NewPageAsync();
    }
}
