using System.Collections.Immutable;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class SegmentTests
{
    private const string Flag = "action_plan_customization";
    private static readonly Segment Internal = new("internal", emailDomains: ["unbuilt.io"]);

    private static FlagContext User(int id, string? email, UserTier tier = UserTier.Free, TimeSpan? age = null) =>
        FlagContext.ForUser(id, tier, email, age);

    [Fact]
    public void A_segment_match_turns_the_flag_on_at_0_percent_and_names_the_segment()
    {
        var flag = new FlagState(Flag, enabled: true, rolloutPercentage: 0, segments: [Internal]);

        Evaluation inside = FlagEvaluator.Evaluate(flag, User(7, "ana@unbuilt.io"));
        Evaluation outside = FlagEvaluator.Evaluate(flag, User(7, "ana@example.com"));

        Assert.Equal(new Evaluation(true, EvaluationReason.TargetingMatch, 0) { Segment = "internal" }, inside);
        Assert.Equal(EvaluationReason.Split, outside.Reason);
        Assert.False(outside.Enabled);
        Assert.Null(outside.Segment);
    }

    [Fact]
    public void Rule_order_kill_switch_then_user_entries_then_segments_then_tiers()
    {
        var flag = new FlagState(Flag, true, 0, [UserTier.Enterprise], [new(1, false), new(2, true)], [Internal]);
        var killed = flag.Rollback();

        Assert.Equal(EvaluationReason.Disabled, FlagEvaluator.Evaluate(killed, User(3, "a@unbuilt.io")).Reason);
        // A user blocked on purpose stays off though the segment takes them in.
        Assert.Equal(new Evaluation(false, EvaluationReason.TargetingMatch, 0), FlagEvaluator.Evaluate(flag, User(1, "a@unbuilt.io")));
        // A beta user's entry decides before any segment is looked at.
        Assert.Null(FlagEvaluator.Evaluate(flag, User(2, "a@unbuilt.io")).Segment);
        // The segment beats the tier rule: a free user at the domain gets an enterprise-only flag.
        Assert.Equal("internal", FlagEvaluator.Evaluate(flag, User(3, "a@unbuilt.io")).Segment);
        Assert.Equal(EvaluationReason.TierExcluded, FlagEvaluator.Evaluate(flag, User(3, "a@example.com")).Reason);
    }

    [Fact]
    public void The_first_matching_segment_in_the_flags_order_is_named()
    {
        var byId = new Segment("listed", userIds: [5]);
        var flag = new FlagState(Flag, true, 0, segments: [byId, Internal]);

        Assert.Equal("listed", FlagEvaluator.Evaluate(flag, User(5, "a@unbuilt.io")).Segment);
        Assert.Equal("internal", FlagEvaluator.Evaluate(flag, User(6, "a@unbuilt.io")).Segment);
    }

    [Fact]
    public void An_anonymous_caller_is_in_no_segment()
    {
        var everyFreeUser = new Segment("free", tiers: [UserTier.Free]);
        var flag = new FlagState(Flag, true, 0, segments: [everyFreeUser, Internal]);

        Assert.Equal(SegmentMatch.None, everyFreeUser.MatchOf(FlagContext.Anonymous));
        Assert.Equal(new Evaluation(false, EvaluationReason.Split, 0), FlagEvaluator.Evaluate(flag, FlagContext.Anonymous));
        Assert.Equal(new Evaluation(false, EvaluationReason.Split, 0),
            FlagEvaluator.Evaluate(flag, FlagContext.Anonymous with { Email = "a@unbuilt.io" }));
    }

    [Theory]
    [InlineData("ana@unbuilt.io", true)]
    [InlineData("Ana@UNBUILT.IO", true)]
    [InlineData("ana@Unbuilt.Io", true)]
    [InlineData("ana@eu.unbuilt.io", true)]
    [InlineData("ana@a.b.unbuilt.io", true)]
    [InlineData("ana@notunbuilt.io", false)]
    [InlineData("ana@unbuilt.io.example.com", false)]
    [InlineData("unbuilt.io@example.com", false)]
    [InlineData("ana@io", false)]
    [InlineData("no-at-sign", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Email_domains_match_exactly_or_as_a_parent_domain_ignoring_case(string? email, bool member)
    {
        Assert.Equal(member, Internal.Contains(User(1, email)));
    }

    [Fact]
    public void Domains_are_kept_lower_case_distinct_and_sorted()
    {
        var segment = new Segment("s", emailDomains: ["Unbuilt.IO", "@example.com", "unbuilt.io"]);

        Assert.Equal(["example.com", "unbuilt.io"], segment.EmailDomains.ToArray());
        Assert.True(segment.Contains(User(1, "x@example.com")));
    }

    [Fact]
    public void Account_age_counts_from_exactly_the_minimum()
    {
        var veterans = new Segment("veterans", minAccountAgeDays: 30);

        Assert.True(veterans.Contains(User(1, null, age: TimeSpan.FromDays(30))));
        Assert.True(veterans.Contains(User(1, null, age: TimeSpan.FromDays(400))));
        Assert.False(veterans.Contains(User(1, null, age: TimeSpan.FromDays(30) - TimeSpan.FromTicks(1))));
        Assert.False(veterans.Contains(User(1, null, age: null)));
    }

    [Fact]
    public void Tiers_limit_the_members()
    {
        var paying = new Segment("paying", tiers: [UserTier.Pro, UserTier.Enterprise]);

        Assert.False(paying.Contains(User(1, null, UserTier.Free)));
        Assert.True(paying.Contains(User(1, null, UserTier.Pro)));
        Assert.True(paying.Contains(User(1, null, UserTier.Enterprise)));
    }

    [Fact]
    public void Every_condition_set_must_hold_and_a_listed_user_needs_none()
    {
        var segment = new Segment("s", userIds: [99], emailDomains: ["unbuilt.io"], tiers: [UserTier.Pro], minAccountAgeDays: 7);
        var week = TimeSpan.FromDays(7);

        Assert.Equal(SegmentMatch.Attributes, segment.MatchOf(User(1, "a@unbuilt.io", UserTier.Pro, week)));
        Assert.Equal(SegmentMatch.None, segment.MatchOf(User(1, "a@example.com", UserTier.Pro, week)));
        Assert.Equal(SegmentMatch.None, segment.MatchOf(User(1, "a@unbuilt.io", UserTier.Free, week)));
        Assert.Equal(SegmentMatch.None, segment.MatchOf(User(1, "a@unbuilt.io", UserTier.Pro, TimeSpan.FromDays(6))));
        Assert.Equal(SegmentMatch.UserId, segment.MatchOf(User(99, "x@example.com", UserTier.Free, TimeSpan.Zero)));
    }

    [Fact]
    public void A_segment_of_ids_only_takes_no_one_else()
    {
        var segment = new Segment("ids", userIds: [1, 2]);

        Assert.True(segment.Contains(User(2, null)));
        Assert.False(segment.Contains(User(3, "a@unbuilt.io", UserTier.Enterprise, TimeSpan.FromDays(999))));
    }

    [Fact]
    public void A_segment_needs_an_id_or_a_condition_and_a_valid_age()
    {
        Assert.Throws<ArgumentException>(() => new Segment("empty"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Segment("s", minAccountAgeDays: -1));
        Assert.Throws<ArgumentException>(() => new Segment("s", emailDomains: [" "]));
        Assert.Throws<ArgumentException>(() => new FlagState(Flag, true, 0, segments: [Internal, Internal]));
    }

    [Fact]
    public void Explain_says_why_in_words()
    {
        var segment = new Segment("s", userIds: [42], emailDomains: ["unbuilt.io"], tiers: [UserTier.Pro], minAccountAgeDays: 3);

        Assert.Equal("user 42 is listed", segment.Explain(User(42, null)));
        Assert.Equal("email domain eu.unbuilt.io, tier pro, account at least 3 days old",
            segment.Explain(User(1, "a@EU.unbuilt.io", UserTier.Pro, TimeSpan.FromDays(3))));
        Assert.Null(segment.Explain(User(1, "a@example.com", UserTier.Pro, TimeSpan.FromDays(3))));
    }

    [Fact]
    public void Deploying_a_phase_targets_its_segments_by_name_and_rollback_keeps_them()
    {
        var phase = new RolloutPhase("internal", enabled: true, rolloutPercentage: 0, segments: ["internal", "missing"]);
        var segments = new Dictionary<string, Segment> { ["internal"] = Internal };
        var flag = new FlagState(Flag, false, 0, userEntries: [new(1, true)]);

        FlagState deployed = flag.Deploy(phase, segments);

        Assert.Equal(["internal"], deployed.Segments.Select(s => s.Name));
        Assert.True(deployed.UserEntries[1]);
        Assert.Same(deployed.Segments[0], deployed.Rollback().Segments.Single());
        Assert.Empty(flag.Deploy(phase).Segments);
    }

    [Fact]
    public void A_phase_matches_only_the_same_segments_and_plans_tell_phases_apart_by_them()
    {
        var phase = new RolloutPhase("internal", true, 0, segments: ["staff", "internal", "staff"]);

        Assert.Equal(["internal", "staff"], phase.Segments.ToArray());
        Assert.True(phase.Matches(true, 0, [], ["staff", "internal"]));
        Assert.False(phase.Matches(true, 0, []));
        Assert.False(phase.Matches(true, 0, [], ["internal"]));

        var plan = new RolloutPlan([new RolloutPhase("init", false, 0), phase, new RolloutPhase("everyone_at_0", true, 0)]);
        Assert.Equal("internal", plan.PhaseOf(true, 0, [], ["internal", "staff"])!.Name);
        Assert.Equal("everyone_at_0", plan.PhaseOf(true, 0, [])!.Name);
        Assert.Throws<ArgumentException>(() => new RolloutPlan([phase, new RolloutPhase("again", true, 0, segments: ["internal", "staff"])]));
    }

    [Fact]
    public void A_phase_without_segments_reads_and_writes_as_before()
    {
        var phase = new RolloutPhase("beta", true, 10, ImmutableArray.Create(UserTier.Pro));

        Assert.Empty(phase.Segments);
        Assert.Equal("beta (on, 10%, tiers [pro])", phase.ToString());
    }

    [Fact]
    public void Segment_evaluation_allocates_nothing()
    {
        var flag = new FlagState(Flag, true, 0, [UserTier.Pro], segments: [new Segment("ids", userIds: [3]), Internal,
            new Segment("old", minAccountAgeDays: 10, tiers: [UserTier.Enterprise])]);
        var contexts = new[]
        {
            User(1, "ana@eu.unbuilt.io"), User(2, "bob@example.com", UserTier.Pro), User(3, null),
            User(4, "c@x.y.z.example.org", UserTier.Enterprise, TimeSpan.FromDays(11)), FlagContext.Anonymous,
        };
        int Run(int n)
        {
            int on = 0;
            for (int i = 0; i < n; i++)
            {
                on += FlagEvaluator.Evaluate(flag, contexts[i % contexts.Length]).Enabled ? 1 : 0;
            }

            return on;
        }

        Run(50_000);
        const int iterations = 50_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int on = Run(iterations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(on > 0);
        Assert.True(allocated < iterations, $"{allocated} bytes over {iterations} evaluations: a segment evaluation allocates.");
    }
}
