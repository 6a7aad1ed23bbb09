using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Hosting;

namespace Unbuilt.Tests;

/// One `Unbuilt:*` settings section as the app reads it at start-up: the app built (never started) with some of the
/// section's settings in a throwaway data folder, and the start-up check that refuses a bad one.
public abstract class SettingsSectionTest(string section) : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("unbuilt-settings-").FullName;

    public void Dispose()
    {
        Directory.Delete(dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <param name="settings">`Name=value` within the section, e.g. `PurgeMinutes=0`.</param>
    protected WebApplication Build(params string[] settings) =>
        UnbuiltWebApp.Build([$"--Unbuilt:DataDirectory={dataDirectory}", .. settings.Select(s => $"--{section}:{s}")]);

    /// Runs the start-up check of an app built with <paramref name="settings"/>, which passes.
    protected async Task<WebApplication> ValidAsync(params string[] settings)
    {
        var app = Build(settings);
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// The start is refused with <paramref name="setting"/>, by a message that names <paramref name="named"/> (the
    /// section, unless said otherwise).
    protected async Task AssertStartRefusedAsync(string setting, string? named = null)
    {
        await using var app = Build(setting);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named ?? section, error.Message, StringComparison.Ordinal);
    }
}
