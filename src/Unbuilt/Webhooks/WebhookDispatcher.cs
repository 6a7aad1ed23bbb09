using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.Data.Webhooks;
using Unbuilt.Monitoring;

namespace Unbuilt.Webhooks;

/// Turns queued operator events into delivery rows (one per subscribed webhook) and sends the due ones, at most
/// MaxConcurrentDeliveries at a time. Rows are the truth: a restart (or another node) picks up what is pending; a
/// node takes a delivery by leasing it with a conditional update, so two nodes never send it at once. A network
/// error, a timeout, a 5xx or a 429 is retried after RetryBaseSeconds·2ⁿ (with jitter, at most RetryMaxSeconds) up
/// to MaxAttempts; any other answer outside 2xx fails the delivery at once.
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookQueue queue, WebhookSecrets secrets, IHttpClientFactory clients,
    IOptions<WebhookOptions> options, [FromKeyedServices(WebhooksSetup.ClockKey)] TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int MaxError = 500;
    private DateTime nextPurge = DateTime.MinValue;

    // Webhooks this node is sending to now: never two at once to one receiver, even if a lease ran out meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> busy = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var intake = Task.Run(() => IntakeAsync(stoppingToken), stoppingToken);
        try
        {
            await SendLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        try
        {
            await intake;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// Queued events become delivery rows, one per webhook that subscribed to the event's type.
    private async Task IntakeAsync(CancellationToken ct)
    {
        await foreach (var operatorEvent in queue.Events.ReadAllAsync(ct))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
                var webhooks = (await db.Webhooks.AsNoTracking().Select(w => new { w.Id, w.Events }).ToListAsync(ct))
                    .Where(w => w.Events.Contains(operatorEvent.Type)).ToList();
                if (webhooks.Count == 0) continue;
                var payload = WebhookEvent.From(operatorEvent, Guid.NewGuid());
                var json = payload.ToJson();
                var now = clock.StoredNow();
                foreach (var webhook in webhooks)
                    db.WebhookDeliveries.Add(NewDelivery(webhook.Id, payload, json, now));
                await db.SaveChangesAsync(ct);
                queue.Ring();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogIntakeFailed(logger, operatorEvent.Type, e);
            }
        }
    }

    public static WebhookDelivery NewDelivery(int webhookId, WebhookEvent payload, string json, DateTime now) => new()
    {
        WebhookId = webhookId, EventId = payload.Id, EventType = payload.Type, Payload = json,
        Status = WebhookDelivery.Pending, NextAttemptAt = now, CreatedAt = now,
    };

    private async Task SendLoopAsync(CancellationToken ct)
    {
        var limits = options.Value;
        using var slots = new SemaphoreSlim(limits.MaxConcurrentDeliveries);
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var free = slots.CurrentCount;
                var claimed = free > 0 ? await ClaimDueAsync(free, ct) : [];
                foreach (var delivery in claimed)
                {
                    await slots.WaitAsync(ct);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await SendAsync(delivery, ct);
                        }
                        catch (Exception e) when (!ct.IsCancellationRequested)
                        {
                            LogSendLoopFailed(logger, e);
                        }
                        catch (Exception)
                        {
                            // stopping: the lease runs out and the next start sends it
                        }
                        finally
                        {
                            busy.TryRemove(delivery.WebhookId, out _);
                            slots.Release();
                            queue.Ring();
                        }
                    }, CancellationToken.None);
                }
                await PurgeAsync(ct);
                // Every slot busy: a finished delivery rings the doorbell.
                wait = slots.CurrentCount == 0 ? TimeSpan.FromSeconds(limits.PollSeconds) : await NextWaitAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogSendLoopFailed(logger, e);
                wait = TimeSpan.FromSeconds(limits.PollSeconds);
            }
            if (wait > TimeSpan.Zero) await queue.WaitAsync(wait, clock, ct);
        }
    }

    private sealed record Claimed(long Id, int WebhookId, Guid EventId, string EventType, string Payload, int Attempts, string Url,
        string Format, string? ProtectedSecret, string? ProtectedRoutingKey);

    /// Leases up to `count` due deliveries for this node, at most one per webhook and none for a webhook with one in
    /// flight (so a receiver gets its events in order: an alert's resolve after its trigger, and a slow receiver
    /// holds one slot, not all). Each is taken by an update that only matches while no one else holds it.
    private async Task<List<Claimed>> ClaimDueAsync(int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        var now = clock.StoredNow();
        var leaseEnd = now + options.Value.Timeout * 2 + TimeSpan.FromSeconds(30);
        var candidates = await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join w in db.Webhooks on d.WebhookId equals w.Id
            where d.Status == WebhookDelivery.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now)
                && !db.WebhookDeliveries.Any(o => o.WebhookId == d.WebhookId && o.Status == WebhookDelivery.Pending && o.LeasedUntil >= now)
            orderby d.NextAttemptAt, d.Id
            select new Claimed(d.Id, d.WebhookId, d.EventId, d.EventType, d.Payload, d.Attempts, w.Url, w.Format,
                w.ProtectedSecret, w.ProtectedRoutingKey)).Take(count * 8).ToListAsync(ct);
        var due = candidates.DistinctBy(d => d.WebhookId).Take(count).ToList();
        var claimed = new List<Claimed>(due.Count);
        try
        {
            foreach (var delivery in due)
            {
                // The webhook is marked busy before its delivery is leased: a send that has recorded its outcome but
                // not yet left `busy` must not make this lease one it then cannot send (it would wait out the lease).
                if (!busy.TryAdd(delivery.WebhookId, 0)) continue;
                var taken = 0;
                try
                {
                    taken = await db.WebhookDeliveries
                        // As read: not attempted since (a stale read must not send early), due, and held by no one.
                        .Where(d => d.Id == delivery.Id && d.Status == WebhookDelivery.Pending && d.Attempts == delivery.Attempts &&
                                    d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now))
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeasedUntil, leaseEnd), ct);
                }
                finally
                {
                    if (taken == 1) claimed.Add(delivery);
                    else busy.TryRemove(delivery.WebhookId, out _);
                }
            }
        }
        catch
        {
            // This call sends none of them: their webhooks are free again here (their leases run out in the database).
            foreach (var delivery in claimed) busy.TryRemove(delivery.WebhookId, out _);
            throw;
        }
        return claimed;
    }

    /// Until the next delivery this node could take is due, at most PollSeconds (other nodes' and a crashed node's work).
    private async Task<TimeSpan> NextWaitAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        var now = clock.StoredNow();
        var sending = busy.Keys.ToList();
        var next = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDelivery.Pending && (d.LeasedUntil == null || d.LeasedUntil < now) && !sending.Contains(d.WebhookId))
            .Where(d => !db.WebhookDeliveries.Any(o => o.WebhookId == d.WebhookId && o.Status == WebhookDelivery.Pending && o.LeasedUntil >= now))
            .MinAsync(d => d.NextAttemptAt, ct);
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        if (next is null) return poll;
        var until = next.Value - now;
        return until <= TimeSpan.Zero ? TimeSpan.Zero : until < poll ? until : poll;
    }

    private async Task SendAsync(Claimed delivery, CancellationToken ct)
    {
        var limits = options.Value;
        var attempt = delivery.Attempts + 1;
        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        try
        {
            var body = WebhookFormats.Render(delivery.Format, delivery.Payload, secrets.Open(delivery.ProtectedRoutingKey), limits.SourceName);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookHeaders.EventId, delivery.EventId.ToString());
            request.Headers.Add(WebhookHeaders.EventType, delivery.EventType);
            request.Headers.Add(WebhookHeaders.Attempt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (secrets.Open(delivery.ProtectedSecret) is { } secret)
                request.Headers.Add(WebhookHeaders.Signature, WebhookFormats.Signature(body, secret));
            using var timeout = new CancellationTokenSource(limits.Timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {status}: {await ReadSomeAsync(response, linked.Token)}".TrimEnd(' ', ':');
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the next start (or another node) tries again.
            return;
        }
        catch (OperationCanceledException)
        {
            error = $"no answer within {limits.TimeoutSeconds} s";
        }
        catch (HttpRequestException e)
        {
            error = e.InnerException?.Message is { Length: > 0 } inner ? $"{e.Message} ({inner})" : e.Message;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Security.Cryptography.CryptographicException or UriFormatException)
        {
            error = e.Message;
        }
        await RecordAsync(delivery, attempt, status, error, retryAfter);
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            text = new string([.. text.Take(200).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
            return text;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    private async Task RecordAsync(Claimed delivery, int attempt, int? status, string? error, TimeSpan? retryAfter)
    {
        var limits = options.Value;
        var now = clock.StoredNow();
        var delivered = status is >= 200 and < 300;
        var retryable = !delivered && (status is null or >= 500 or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout);
        var next = retryable && attempt < limits.MaxAttempts ? now + Backoff(attempt, retryAfter, limits) : (DateTime?)null;
        var state = delivered ? WebhookDelivery.Delivered : next is null ? WebhookDelivery.Failed : WebhookDelivery.Pending;
        if (error is { Length: > MaxError }) error = error[..(MaxError - 1)] + "…";
        if (!delivered) LogAttemptFailed(logger, delivery.Id, delivery.EventType, attempt, error ?? "", state);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        // Not the stopping token: what happened must be written even as the app stops.
        await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, state)
            .SetProperty(d => d.Attempts, attempt)
            .SetProperty(d => d.LastStatusCode, status)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.LastAttemptAt, now)
            .SetProperty(d => d.DeliveredAt, delivered ? now : null)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LeasedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// RetryBaseSeconds·2^(attempt−1), at most RetryMaxSeconds, then a random half to all of it (so many receivers
    /// failing together do not retry together); a receiver's longer Retry-After wins, within the maximum.
    public static TimeSpan Backoff(int attempt, TimeSpan? retryAfter, WebhookOptions limits)
    {
        var max = TimeSpan.FromSeconds(limits.RetryMaxSeconds);
        var exponential = TimeSpan.FromSeconds(Math.Min(limits.RetryMaxSeconds, limits.RetryBaseSeconds * Math.Pow(2, attempt - 1)));
        var jittered = exponential * (0.5 + Random.Shared.NextDouble() * 0.5);
        if (retryAfter is { } asked && asked > jittered) jittered = asked < max ? asked : max;
        return jittered;
    }

    /// Once an hour: delivered and failed deliveries older than RetentionDays go.
    private async Task PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < nextPurge) return;
        nextPurge = now.AddHours(1);
        var before = now.AddDays(-options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        await db.WebhookDeliveries.Where(d => d.Status != WebhookDelivery.Pending && d.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record webhook deliveries for {Type}")]
    private static partial void LogIntakeFailed(ILogger logger, string type, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatcher failed; it looks again after the poll interval")]
    private static partial void LogSendLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Id} ({Type}) attempt {Attempt} failed: {Error}; now {State}")]
    private static partial void LogAttemptFailed(ILogger logger, long id, string type, int attempt, string error, string state);
}

public static class WebhookHeaders
{
    public const string Signature = "X-Unbuilt-Signature";
    public const string EventId = "X-Unbuilt-Event-Id";
    public const string EventType = "X-Unbuilt-Event";
    public const string Attempt = "X-Unbuilt-Attempt";
}
