using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Unbuilt.FlagEngine;
using Unbuilt.Plans.Access;
using Unbuilt.Flags;

namespace Unbuilt.Benchmarks;

/// <summary>
/// One flag evaluation per call, ours beside Microsoft.FeatureManagement's targeting filter on the same cases
/// (≤ 100 ns and 0 B per call). Each category is one case; ours is its baseline. FeatureManagement
/// gets its best case: definitions pre-bound (<c>ParametersObject</c>, no configuration binding) and served from
/// cached tasks, and its filter is also measured on its own.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FlagEvaluationBenchmarks
{
    private const string Killed = "killed_flag";
    private const string Beta = PlanFeature.Name;
    private const string Internal = "internal_phase_flag";

    // The beta phase: 10% of pro and enterprise, user 1 a beta user, user 2 blocked.
    private readonly FlagSnapshot snapshot = new(
    [
        new FlagState(Killed, enabled: false, 10, [UserTier.Pro, UserTier.Enterprise], [new(1, true)]),
        new FlagState(Beta, enabled: true, 10, [UserTier.Pro, UserTier.Enterprise], [new(1, true), new(2, false)]),
        // The internal phase given to a segment: on at 0 % for everyone at the company's domain (ours only: a
        // targeting filter has no attribute rules to compare with).
        new FlagState(Internal, enabled: true, 0, userEntries: [new(1, true)],
            segments: [new Segment("internal", emailDomains: ["unbuilt.io"])]),
    ]);

    private static readonly TargetingFilterSettings BetaAudience = new()
    {
        Audience = new Audience
        {
            Users = ["1"],
            Groups = [new GroupRollout { Name = "pro", RolloutPercentage = 10 }, new GroupRollout { Name = "enterprise", RolloutPercentage = 10 }],
            DefaultRolloutPercentage = 0,
            Exclusion = new BasicAudience { Users = ["2"] },
        },
    };

    private readonly ContextualTargetingFilter filter =
        new(Options.Create(new TargetingEvaluationOptions()), NullLoggerFactory.Instance);

    private readonly FeatureFilterEvaluationContext filterContext = new() { FeatureName = Beta, Settings = BetaAudience };

    private readonly FeatureManager manager;

    // Bucket 10 for action_plan_customization, so on at 10% in ours.
    private readonly FlagContext betaUser = FlagContext.ForUser(1, UserTier.Free);
    private readonly FlagContext freeUser = FlagContext.ForUser(10, UserTier.Free);
    private readonly FlagContext proUser = FlagContext.ForUser(11, UserTier.Pro);
    private readonly FlagContext staffUser = FlagContext.ForUser(12, UserTier.Free, "ana@eu.unbuilt.io", TimeSpan.FromDays(40));

    private readonly TargetingContext betaTarget = new() { UserId = "1", Groups = ["free"] };
    private readonly TargetingContext freeTarget = new() { UserId = "10", Groups = ["free"] };
    private readonly TargetingContext proTarget = new() { UserId = "11", Groups = ["pro"] };

    public FlagEvaluationBenchmarks()
    {
        manager = new FeatureManager(new PreparedDefinitions(
            Definition(Killed, FeatureStatus.Disabled),
            Definition(Beta, FeatureStatus.Conditional)))
        {
            FeatureFilters = [filter],
        };
    }

    /// Both sides must give the answers the categories claim, or the comparison means nothing.
    [GlobalSetup]
    public void CheckTheCasesAreEquivalent()
    {
        Expect(Disabled_Unbuilt(), false, EvaluationReason.Disabled, Disabled_FeatureManager());
        Expect(BetaUser_Unbuilt(), true, EvaluationReason.TargetingMatch, BetaUser_FeatureManager(), BetaUser_TargetingFilter());
        Expect(TierExcluded_Unbuilt(), false, EvaluationReason.TierExcluded, TierExcluded_FeatureManager(), TierExcluded_TargetingFilter());
        Expect(Split10_Unbuilt(), true, EvaluationReason.Split);
        Expect(SegmentMatch_Unbuilt(), true, EvaluationReason.TargetingMatch);
        if (Split10_FeatureManager().Result != Split10_TargetingFilter().Result)
        {
            throw new InvalidOperationException("FeatureManager and its targeting filter disagree on the split case.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Disabled")]
    public Evaluation Disabled_Unbuilt() => snapshot.Evaluate(Killed, betaUser);

    [Benchmark, BenchmarkCategory("Disabled")]
    public Task<bool> Disabled_FeatureManager() => manager.IsEnabledAsync(Killed, betaTarget);

    [Benchmark(Baseline = true), BenchmarkCategory("BetaUser")]
    public Evaluation BetaUser_Unbuilt() => snapshot.Evaluate(Beta, betaUser);

    [Benchmark, BenchmarkCategory("BetaUser")]
    public Task<bool> BetaUser_FeatureManager() => manager.IsEnabledAsync(Beta, betaTarget);

    [Benchmark, BenchmarkCategory("BetaUser")]
    public Task<bool> BetaUser_TargetingFilter() => filter.EvaluateAsync(filterContext, betaTarget);

    [Benchmark(Baseline = true), BenchmarkCategory("TierExcluded")]
    public Evaluation TierExcluded_Unbuilt() => snapshot.Evaluate(Beta, freeUser);

    [Benchmark, BenchmarkCategory("TierExcluded")]
    public Task<bool> TierExcluded_FeatureManager() => manager.IsEnabledAsync(Beta, freeTarget);

    [Benchmark, BenchmarkCategory("TierExcluded")]
    public Task<bool> TierExcluded_TargetingFilter() => filter.EvaluateAsync(filterContext, freeTarget);

    [Benchmark(Baseline = true), BenchmarkCategory("Split10")]
    public Evaluation Split10_Unbuilt() => snapshot.Evaluate(Beta, proUser);

    [Benchmark(Baseline = true), BenchmarkCategory("SegmentMatch")]
    public Evaluation SegmentMatch_Unbuilt() => snapshot.Evaluate(Internal, staffUser);

    [Benchmark, BenchmarkCategory("Split10")]
    public Task<bool> Split10_FeatureManager() => manager.IsEnabledAsync(Beta, proTarget);

    [Benchmark, BenchmarkCategory("Split10")]
    public Task<bool> Split10_TargetingFilter() => filter.EvaluateAsync(filterContext, proTarget);

    private static void Expect(Evaluation ours, bool enabled, EvaluationReason reason, params Task<bool>[] theirs)
    {
        if (ours.Enabled != enabled || ours.Reason != reason || theirs.Any(answer => answer.Result != enabled))
        {
            throw new InvalidOperationException($"Case {reason} is not equivalent: ours {ours}, theirs {string.Join(", ", theirs.Select(t => t.Result))}.");
        }
    }

    private static FeatureDefinition Definition(string name, FeatureStatus status) => new()
    {
        Name = name,
        Status = status,
        EnabledFor = [new FeatureFilterConfiguration { Name = "Microsoft.Targeting", ParametersObject = BetaAudience }],
    };

    /// Serves definitions from completed tasks made once, so the provider costs FeatureManagement nothing.
    private sealed class PreparedDefinitions(params FeatureDefinition[] definitions) : IFeatureDefinitionProvider
    {
        private readonly Dictionary<string, Task<FeatureDefinition>> byName =
            definitions.ToDictionary(d => d.Name, Task.FromResult, StringComparer.Ordinal);

        public Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName) =>
            byName.GetValueOrDefault(featureName) ?? Task.FromResult<FeatureDefinition>(null!);

        public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
        {
            foreach (Task<FeatureDefinition> definition in byName.Values)
            {
                yield return await definition.ConfigureAwait(false);
            }
        }
    }
}
