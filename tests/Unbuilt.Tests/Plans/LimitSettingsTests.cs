using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Hosting;
using Unbuilt.Plans.Access;
using Unbuilt.Plans;

namespace Unbuilt.Tests.Plans;

/// `Unbuilt:Limits:*` are read at start-up: a limit below 1 stops the server before it serves anything.
public sealed class LimitSettingsTests() : SettingsSectionTest("Unbuilt:Limits")
{
    [Theory]
    [InlineData("TasksPerPlan=0")]
    [InlineData("PhasesPerPlan=-1")]
    [InlineData("PrerequisitesPerTask=0")]
    [InlineData("MembersPerPlan=0")]
    [InlineData("PlansPerUser=0")]
    public Task A_limit_below_one_stops_the_start(string setting) => AssertStartRefusedAsync(setting);

    [Fact]
    public async Task A_limit_set_is_used_and_the_others_keep_their_defaults()
    {
        await using var app = await ValidAsync("TasksPerPlan=7");
        var limits = app.Services.GetRequiredService<PlanLimits>();

        Assert.Equal((7, 50, 50, 100, 500),
            (limits.TasksPerPlan, limits.PhasesPerPlan, limits.PrerequisitesPerTask, limits.MembersPerPlan, limits.PlansPerUser));
    }
}
