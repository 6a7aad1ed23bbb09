using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Audit;
using Unbuilt.Data;
using Unbuilt.Data.Webhooks;

namespace Unbuilt.Webhooks;

/// /api/webhooks, for administrators: list, add, remove, the delivery log, and a test event. A webhook may point
/// anywhere an admin chooses, inside the network too: that is the admin's call (docs/deployment.md says so).
public static class WebhooksApi
{
    public const int MaxUrl = 2000;
    public const int MinSecret = 16;
    public const int MaxSecret = 200;
    public const int MaxRoutingKey = 100;
    public const int DefaultPage = 50;
    public const int MaxPage = 200;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").RequireAuthorization(AccountsSetup.AdminPolicy).WithTags("Webhooks");
        webhooks.MapGet("/", List);
        webhooks.MapPost("/", Create);
        webhooks.MapDelete("/{id:int}", Delete);
        webhooks.MapGet("/{id:int}/deliveries", Deliveries);
        webhooks.MapPost("/{id:int}/test", Test);
    }

    private static ProblemHttpResult NotFound(int id) => Problems.NotFound($"There is no webhook {id}.");

    private static async Task<Ok<List<WebhookResponse>>> List(UnbuiltDbContext db, CancellationToken ct)
    {
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct);
        var counts = await CountsAsync(db, null, ct);
        return TypedResults.Ok(webhooks.Select(w => w.AsResponse(counts.GetValueOrDefault(w.Id))).ToList());
    }

    private static async Task<Dictionary<int, WebhookDeliveryCounts>> CountsAsync(UnbuiltDbContext db, int? id, CancellationToken ct)
    {
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => id == null || d.WebhookId == id)
            .GroupBy(d => new { d.WebhookId, d.Status }).Select(g => new { g.Key.WebhookId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.WebhookId).ToDictionary(g => g.Key, g => new WebhookDeliveryCounts(
            g.Where(r => r.Status == WebhookDelivery.Pending).Sum(r => r.Count),
            g.Where(r => r.Status == WebhookDelivery.Delivered).Sum(r => r.Count),
            g.Where(r => r.Status == WebhookDelivery.Failed).Sum(r => r.Count)));
    }

    private static WebhookResponse AsResponse(this Webhook w, WebhookDeliveryCounts? counts) =>
        new(w.Id, w.Url, w.Events, w.Format, w.ProtectedSecret is not null, w.ProtectedRoutingKey is not null, w.CreatedAt,
            counts ?? new WebhookDeliveryCounts(0, 0, 0));

    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult, ValidationProblem>> Create(
        CreateWebhookRequest request, HttpContext http, UnbuiltDbContext db, AuditLog audit, WebhookSecrets secrets,
        IOptions<WebhookOptions> options, [FromKeyedServices(WebhooksSetup.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(request, out var format, out var events);
        if (errors.Any) return errors.ToProblem();
        var max = options.Value.MaxWebhooks;
        if (await db.Webhooks.CountAsync(ct) >= max)
            return Problems.LimitReached("webhooks", max, "webhooks", "Unbuilt:Webhooks:MaxWebhooks");

        var webhook = new Webhook
        {
            Url = request.Url!.Trim(), Events = events, Format = format,
            ProtectedSecret = secrets.Seal(request.Secret), ProtectedRoutingKey = secrets.Seal(request.RoutingKey?.Trim()),
            CreatedByUserId = http.User.UserId(), CreatedAt = clock.StoredNow(),
        };
        // The webhook and its audit row commit together: the row names the new id, so it needs a transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct);
        audit.Record("webhook.created", AuditSeverity.Info, true, http.User.UserId(), "webhook",
            webhook.Id.ToString(CultureInfo.InvariantCulture),
            new { url = webhook.Url, events, format, secret = webhook.ProtectedSecret is not null, routingKey = webhook.ProtectedRoutingKey is not null });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", webhook.AsResponse(null));
    }

    private static FieldErrors Validate(CreateWebhookRequest request, out string format, out List<string> events)
    {
        var errors = new FieldErrors();
        format = request.Format?.Trim().ToLowerInvariant() is { Length: > 0 } f ? f : WebhookFormats.Generic;
        events = [.. (request.Events ?? []).Select(e => e?.Trim().ToLowerInvariant() ?? "").Distinct()];
        var url = request.Url?.Trim();
        if (string.IsNullOrEmpty(url)) errors.Add("url", "url is required.");
        else if (url.Length > MaxUrl) errors.Add("url", $"url must be at most {MaxUrl} characters.");
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            errors.Add("url", "url must be an absolute http:// or https:// URL.");
        else if (uri.UserInfo.Length > 0)
            errors.Add("url", "url must not carry a user name or password; use secret (generic) to authenticate the sender.");

        if (!WebhookFormats.All.Contains(format))
            errors.Add("format", $"format must be one of {string.Join(", ", WebhookFormats.All)}.");
        var allowed = WebhookFormats.EventsFor(format);
        if (events.Count == 0) errors.Add("events", $"events must name at least one of {string.Join(", ", Monitoring.OperatorEventTypes.All)}.");
        foreach (var unknown in events.Where(e => !Monitoring.OperatorEventTypes.All.Contains(e)))
            errors.Add("events", $"'{unknown}' is not an event; use {string.Join(", ", Monitoring.OperatorEventTypes.All)}.");
        if (format == WebhookFormats.PagerDuty && events.Contains(Monitoring.OperatorEventTypes.FlagChanged))
            errors.Add("events", $"pagerduty takes {string.Join(", ", allowed)}: a flag change is not an incident (send it to a generic or slack webhook).");

        if (request.Secret is { } secret && (secret.Length < MinSecret || secret.Length > MaxSecret))
            errors.Add("secret", $"secret must be {MinSecret} to {MaxSecret} characters.");
        var routingKey = request.RoutingKey?.Trim();
        if (format == WebhookFormats.PagerDuty && string.IsNullOrEmpty(routingKey))
            errors.Add("routingKey", "routingKey (the PagerDuty integration key) is required for format pagerduty.");
        else if (format != WebhookFormats.PagerDuty && request.RoutingKey is not null)
            errors.Add("routingKey", "routingKey is only for format pagerduty.");
        else if (routingKey is { Length: > MaxRoutingKey })
            errors.Add("routingKey", $"routingKey must be at most {MaxRoutingKey} characters.");
        return errors;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, HttpContext http, UnbuiltDbContext db, AuditLog audit, CancellationToken ct)
    {
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null) return NotFound(id);
        db.Webhooks.Remove(webhook); // its deliveries go with it (cascade), pending ones included
        audit.Record("webhook.deleted", AuditSeverity.Info, true, http.User.UserId(), "webhook",
            id.ToString(CultureInfo.InvariantCulture), new { url = webhook.Url, events = webhook.Events, format = webhook.Format });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookDeliveriesResponse>, ProblemHttpResult, ValidationProblem>> Deliveries(
        int id, int? limit, long? before, UnbuiltDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage)
            return new FieldErrors().Add("limit", $"limit must be from 1 to {MaxPage}.").ToProblem();
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct)) return NotFound(id);
        var take = limit ?? DefaultPage;
        var rows = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == id && (before == null || d.Id < before))
            .OrderByDescending(d => d.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).Select(AsResponse).ToList();
        return TypedResults.Ok(new WebhookDeliveriesResponse(page, rows.Count > take ? page[^1].Id : null));
    }

    public static WebhookDeliveryResponse AsResponse(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt,
            d.Status == WebhookDelivery.Pending ? d.NextAttemptAt : null, d.DeliveredAt);

    /// Sends a test event to this webhook alone, whatever it subscribed to; the answer is the pending delivery.
    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> Test(
        int id, HttpContext http, UnbuiltDbContext db, WebhookQueue queue,
        [FromKeyedServices(WebhooksSetup.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct)) return NotFound(id);
        var now = clock.StoredNow();
        var test = WebhookEvent.Test(Guid.NewGuid(), now, http.User.FindFirstValue(ClaimTypes.Email) ?? "an admin");
        var delivery = WebhookDispatcher.NewDelivery(id, test, test.ToJson(), now);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        queue.Ring();
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", AsResponse(delivery));
    }
}
