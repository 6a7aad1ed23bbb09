using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class AllocationTests
{
    private static readonly FlagSnapshot Snapshot = new(
    [
        new FlagState("killed", enabled: false, 100, userEntries: [new(1, true)]),
        new FlagState("beta", enabled: true, 10, [UserTier.Pro, UserTier.Enterprise], [new(1, true), new(2, false)]),
        new FlagState("general", enabled: true, 100),
        new FlagState("long_" + new string('é', 200), enabled: true, 50),
    ]);

    [Fact]
    public void Evaluation_allocates_nothing()
    {
        Run(50_000); // warm up: JIT tiers, static initialisation, the array pool.

        const int iterations = 20_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int on = Run(iterations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(on > 0);
        // Each iteration makes eight evaluations; one allocating call would cost at least 24 bytes × iterations.
        // A few bytes in total can come from the runtime itself (a late tier-up), never from a call.
        Assert.True(allocated < iterations, $"{allocated} bytes over {iterations * 8} evaluations: an evaluation allocates.");
    }

    private static int Run(int iterations)
    {
        string longName = Snapshot.Flags[^1].Name;
        FlagState? beta = Snapshot.Find("beta");
        int on = 0;
        for (int i = 0; i < iterations; i++)
        {
            var user = FlagContext.ForUser(i, (UserTier)(i % 3));
            on += Count(Snapshot.Evaluate("killed", user));
            on += Count(Snapshot.Evaluate("beta", FlagContext.ForUser(1 + (i % 2), UserTier.Free)));
            on += Count(Snapshot.Evaluate("beta", user));
            on += Count(FlagEvaluator.Evaluate(beta, user));
            on += Count(Snapshot.Evaluate("general", FlagContext.Anonymous));
            on += Count(Snapshot.Evaluate("missing", user));
            on += Count(Snapshot.Evaluate(longName, user));
            on += Bucket.For(longName, i) + Bucket.For("beta", i);
            _ = Snapshot.Evaluate("beta", user).ReasonName;
        }

        return on;
    }

    private static int Count(Evaluation evaluation) => evaluation.Enabled ? 1 : 0;
}
