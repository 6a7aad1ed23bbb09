using System.CommandLine;

namespace Unbuilt.Cli;

/// `unbuilt flags schedule` and `unschedule`: let the rollout advance by itself, phase after phase, each step once the
/// current phase has run its planned duration with its health gate holding (the rollout guard checks first).
public static partial class FlagCommands
{
    private static void AddScheduleVerbs(Command flags, Common common)
    {
        var until = new Option<string?>("--until") { Description = "The last phase to reach by itself (default: the plan's last)" };
        flags.Subcommands.Add(Verb(common, "schedule",
            "Advance by itself: each next phase once the current one has run its planned duration with a healthy gate",
            async (api, flag, parse, ct) =>
            {
                var answer = await api.SendAsync(HttpMethod.Put, $"api/feature-flags/{flag}/schedule",
                    new { until = parse.GetValue(until), reason = parse.GetValue(common.Reason) }, ct);
                FlagOutput.Timeline(answer);
                return 0;
            }, until));

        flags.Subcommands.Add(Verb(common, "unschedule", "Stop advancing by itself; every further step by hand",
            async (api, flag, parse, ct) =>
            {
                FlagOutput.Timeline(await api.DeleteAsync($"api/feature-flags/{flag}/schedule{ReasonQuery(parse.GetValue(common.Reason))}", ct));
                return 0;
            }));
    }
}
