namespace Unbuilt.Idempotency;

/// `Unbuilt:Idempotency:*` (environment: `Unbuilt__Idempotency__PurgeMinutes`).
public sealed class IdempotencyOptions
{
    public const string Section = "Unbuilt:Idempotency";

    /// How often expired records (older than <see cref="IdempotencyFilter.Lifetime"/>) are deleted. At most a week,
    /// so records never outlive their lifetime by more than that.
    public int PurgeMinutes { get; set; } = 60;

    public TimeSpan PurgeInterval => TimeSpan.FromMinutes(PurgeMinutes);

    public static bool IsValid(IdempotencyOptions o) => o.PurgeMinutes is >= 1 and <= 7 * 24 * 60;
}
