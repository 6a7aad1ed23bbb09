using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Hosting;
using Unbuilt.Plans.Access;
using Unbuilt.Plans;

namespace Unbuilt.Tests.Plans;

/// `Unbuilt:Limits:*` are read at start-up: a limit below 1 stops the server before it serves anything.
public sealed class LimitSettingsTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("unbuilt-limits-").FullName;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private WebApplication Build(params string[] settings) =>
        UnbuiltWebApp.Build([$"--Unbuilt:DataDirectory={dataDirectory}", .. settings.Select(s => "--Unbuilt:Limits:" + s)]);

    [Theory]
    [InlineData("TasksPerPlan=0")]
    [InlineData("PhasesPerPlan=-1")]
    [InlineData("PrerequisitesPerTask=0")]
    [InlineData("MembersPerPlan=0")]
    [InlineData("PlansPerUser=0")]
    public async Task A_limit_below_one_stops_the_start(string setting)
    {
        await using var app = Build(setting);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Unbuilt:Limits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_set_is_used_and_the_others_keep_their_defaults()
    {
        await using var app = Build("TasksPerPlan=7");

        app.Services.GetRequiredService<IStartupValidator>().Validate();
        var limits = app.Services.GetRequiredService<PlanLimits>();

        Assert.Equal((7, 50, 50, 100, 500),
            (limits.TasksPerPlan, limits.PhasesPerPlan, limits.PrerequisitesPerTask, limits.MembersPerPlan, limits.PlansPerUser));
    }
}
