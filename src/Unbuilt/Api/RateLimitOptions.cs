namespace Unbuilt.Api;

/// The `Unbuilt:RateLimits` section (environment: `Unbuilt__RateLimits__LoginPerMinute`, …). Declared beside the
/// limiter that reads it, so the HTTP conventions need nothing from the settings that collect every section.
public sealed class RateLimitOptions
{
    public const string Section = "Unbuilt:RateLimits";

    /// Login attempts per client address per minute.
    public int LoginPerMinute { get; set; } = 20;

    /// Failed logins for one email, from browsers without that account's device cookie, before their further attempts
    /// wait (30 s, doubling with each further failure, at most 15 minutes; the count is forgotten 15 minutes after
    /// its last failure). A browser that has signed in to the account carries its device cookie: its failures count
    /// separately, against the same limit, so failures from elsewhere never lock the owner out.
    public int FailedLoginsPerEmail { get; set; } = 10;

    /// Failed logins from one client address (without a device cookie, for any email) before its further attempts
    /// wait, as above: slows trying one password against many accounts.
    public int FailedLoginsPerAddress { get; set; } = 50;

    /// API requests per user (or per address when anonymous) per minute.
    public int ApiPerMinute { get; set; } = 3000;

    /// Answers of 401 (not signed in, bad token) and 403 (forbidden) per client address per minute; past it the
    /// address gets 429 before its credentials are even looked at, so a flood of bad tokens costs no lookups.
    public int FailedAuthPerMinute { get; set; } = 100;

    /// Requests per minute to routes outside /api (health, metrics, OpenAPI, the API reference, the live channel, the
    /// app's pages), per user when signed in and per client address otherwise; static files are not counted.
    public int OtherPerMinute { get; set; } = 600;
}
