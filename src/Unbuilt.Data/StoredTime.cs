namespace Unbuilt.Data;

public static class StoredTime
{
    /// Now, cut to whole microseconds as PostgreSQL stores it, so an answer right after a write shows the same
    /// time as every later read.
    public static DateTime StoredNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
