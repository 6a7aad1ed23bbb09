namespace Unbuilt.Plans.Changes;

/// Keeps a node's live events in version order per plan. Changes to one plan already commit in version order (the
/// plan's row lock); holding this between commit and publish makes them go out in that order too, since the next
/// change to the plan cannot commit before the previous one has entered here. Striped, so memory stays fixed;
/// plans sharing a stripe only queue for the moment of commit and publish.
public sealed class PlanPublishOrder
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<Releaser> EnterAsync(int planId)
    {
        var stripe = stripes[(int)((uint)planId % Stripes)];
        await stripe.WaitAsync();
        return new Releaser(stripe);
    }

    public readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
