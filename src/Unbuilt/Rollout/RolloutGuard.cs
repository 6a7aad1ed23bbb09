using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;

namespace Unbuilt.Rollout;

/// Guarded rollout: every IntervalSeconds, each enabled flag's operations are held against the
/// alert thresholds over the window; on a breach the GuardResponder acts on the flag's guard policy, once per
/// breach episode (a flag and the phase it is in), so an alert is not repeated every tick. A healthy flag with a
/// schedule then gets its next step, if its phase has earned it (PhaseAdvance), so no step is taken unchecked.
public sealed partial class RolloutGuard(
    IServiceScopeFactory scopes, IOptions<GuardOptions> options, TimeProvider clock, ILogger<RolloutGuard> logger)
    : BackgroundService
{
    private readonly Dictionary<string, string> episodes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e); // the next tick tries again
            }
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        List<LiveFlag> flags;
        await using (var scope = scopes.CreateAsyncScope())
        {
            flags = await scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>().FeatureFlags.AsNoTracking()
                .Where(f => f.Enabled && f.ArchivedAt == null).OrderBy(f => f.Name) // an archived flag serves nobody
                .Select(f => new LiveFlag(f.Name, f.Phase, f.PhaseStartedAt, f.GuardPolicy, f.AutoAdvanceUntil)).ToListAsync(ct);
        }
        foreach (var name in episodes.Keys.Except(flags.Select(f => f.Name)).ToList()) episodes.Remove(name);
        foreach (var flag in flags) await CheckAsync(flag, ct);
    }

    private async Task CheckAsync(LiveFlag flag, CancellationToken ct)
    {
        var windowStart = clock.GetUtcNow().UtcDateTime - options.Value.Window;
        // A new phase starts a new record: a step-down is not judged by the failures that caused it.
        var since = flag.PhaseStartedAt is { } started && started > windowStart ? started : windowStart;
        await using var scope = scopes.CreateAsyncScope();
        var health = await scope.ServiceProvider.GetRequiredService<FeatureHealthReader>().ReadAsync(flag.Name, since, ct);
        var episode = $"{flag.Phase}@{flag.PhaseStartedAt:O}";
        if (health is null || health.Breaches.Count == 0)
        {
            episodes.Remove(flag.Name);
            // Healthy by the guard's thresholds: a scheduled rollout may take its next step, if its phase has earned it.
            if (flag.AutoAdvanceUntil is not null)
                await StepAsync(scope.ServiceProvider.GetRequiredService<PhaseAdvance>(), flag.Name, ct);
            return;
        }
        if (episodes.GetValueOrDefault(flag.Name) == episode) return;
        episodes[flag.Name] = episode;
        var breach = new GuardBreach(flag.Name, flag.Phase, flag.PhaseStartedAt, flag.GuardPolicy, since, health);
        await scope.ServiceProvider.GetRequiredService<GuardResponder>().RespondAsync(breach, ct);
    }

    private async Task StepAsync(PhaseAdvance advance, string name, CancellationToken ct)
    {
        if (await advance.StepScheduledAsync(name, ct) is AdvanceOutcome.Advanced step)
            LogScheduledStep(logger, name, step.From, step.To);
    }

    private sealed record LiveFlag(string Name, string? Phase, DateTime? PhaseStartedAt, string GuardPolicy, string? AutoAdvanceUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled rollout: {Flag} advanced from {From} to {To}")]
    private static partial void LogScheduledStep(ILogger logger, string flag, string from, string to);

    [LoggerMessage(Level = LogLevel.Error, Message = "The rollout guard's check failed; it tries again next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

/// A flag whose operations broke a threshold in the phase it is in.
public sealed record GuardBreach(string Flag, string? Phase, DateTime? PhaseStartedAt, string Policy, DateTime Since,
    FeatureHealth Health);
