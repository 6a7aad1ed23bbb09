using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// `unbuilt webhooks …`: where flag changes, guard actions and alerts are sent, over the admin HTTP API of a running
/// server (the same client and token as `flags`).
public static class WebhookCommands
{
    private sealed record Common(Option<string?> Url, Option<string?> Token, Option<bool> Json);

    public static Command Create()
    {
        var common = new Common(
            new Option<string?>("--url") { Description = $"The server (default UNBUILT_URL or {AdminApiClient.DefaultUrl})", Recursive = true },
            new Option<string?>("--token") { Description = "An admin API token (default UNBUILT_TOKEN or ./data/admin.token)", Recursive = true },
            new Option<bool>("--json") { Description = "Print the server's JSON answer", Recursive = true });
        var webhooks = new Command("webhooks", "Send flag changes, guard actions and alerts to a receiver, Slack or PagerDuty")
        {
            common.Url, common.Token, common.Json,
        };
        webhooks.Subcommands.Add(Verb(common, "list", "Every webhook: where, which events, format, deliveries",
            async (api, _, ct) =>
            {
                WebhookOutput.List(await api.GetAsync("api/webhooks", ct));
                return 0;
            }));
        webhooks.Subcommands.Add(Add(common));
        var id = new Argument<int>("id") { Description = "The webhook's id (see `unbuilt webhooks list`)" };
        webhooks.Subcommands.Add(Verb(common, "remove", "Remove a webhook, with its delivery log and whatever it had pending",
            async (api, parse, ct) =>
            {
                await api.DeleteAsync($"api/webhooks/{parse.GetValue(id)}", ct);
                CliOutput.Ok($"Removed webhook {parse.GetValue(id)}.");
                return 0;
            }, id));
        var limit = new Option<int?>("--limit") { Description = "How many, newest first (default 50, at most 200)" };
        webhooks.Subcommands.Add(Verb(common, "deliveries", "The delivery log: event, status, attempts, answer or error, next attempt",
            async (api, parse, ct) =>
            {
                var query = parse.GetValue(limit) is { } n ? $"?limit={n}" : "";
                WebhookOutput.Deliveries(parse.GetValue(id), await api.GetAsync($"api/webhooks/{parse.GetValue(id)}/deliveries{query}", ct));
                return 0;
            }, id, limit));
        webhooks.Subcommands.Add(Verb(common, "test", "Send a test event to the webhook (see it arrive with `deliveries`)",
            async (api, parse, ct) =>
            {
                var delivery = await api.PostAsync($"api/webhooks/{parse.GetValue(id)}/test", null, ct);
                WebhookOutput.Queued(parse.GetValue(id), delivery);
                return 0;
            }, id));
        webhooks.Subcommands.Add(Receive());
        return webhooks;
    }

    /// Not an admin verb: a local stand-in receiver that needs neither the server nor a token.
    private static Command Receive()
    {
        var port = new Option<int>("--port") { Description = "The loopback port to listen on (0: any free one)", DefaultValueFactory = _ => 9099 };
        var secret = new Option<string?>("--secret") { Description = "The webhook's secret: check each generic body's X-Unbuilt-Signature with it" };
        var output = new Option<string?>("--out") { Description = "Also append every body received to this file, one JSON object per line" };
        var count = new Option<int?>("--count") { Description = "Stop after this many bodies (default: run until Ctrl+C)" };
        var command = new Command("receive",
            "Listen on 127.0.0.1 and print what arrives, as Slack, PagerDuty or your receiver would get it: for a rehearsal " +
            "(add webhooks pointing at http://127.0.0.1:PORT/slack, /pagerduty, …)")
        {
            port, secret, output, count,
        };
        command.SetAction((parse, ct) => CliOutput.Guard(() => ReceiveAsync(parse.GetValue(port), parse.GetValue(secret),
            parse.GetValue(output), parse.GetValue(count), ct)));
        return command;
    }

    private static async Task<int> ReceiveAsync(int port, string? secret, string? output, int? count, CancellationToken ct)
    {
        if (port is < 0 or > 65535) return CliOutput.Fail("--port is 0..65535.");
        if (count is < 1) return CliOutput.Fail("--count is at least 1.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var gate = new object();
        var seen = 0;
        StreamWriter? file = output is null ? null : new StreamWriter(output, append: true) { AutoFlush = true };
        try
        {
            await using var receiver = await Webhooks.WebhookReceiver.StartAsync(port, secret, received =>
            {
                lock (gate)
                {
                    WebhookOutput.Received(received);
                    file?.WriteLine(JsonSerializer.Serialize(new
                    {
                        receivedAt = received.At, path = received.Path, format = received.Format, signature = received.Signature,
                        body = received.Body,
                    }));
                    if (count is { } n && ++seen >= n) stop.Cancel();
                }
            }, ct);
            CliOutput.Ok($"Listening on {receiver.Address} (Ctrl+C to stop). Point webhooks at it, e.g. " +
                $"`unbuilt webhooks add {receiver.Address}slack --format slack --events guard.acted,alert.raised`.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            return ct.IsCancellationRequested ? 130 : 0;
        }
        catch (IOException e)
        {
            return CliOutput.Fail($"Cannot listen on 127.0.0.1:{port}: {e.Message}");
        }
        finally
        {
            if (file is not null) await file.DisposeAsync();
        }
    }

    private delegate Task<int> WebhookAction(AdminApiClient api, ParseResult parse, CancellationToken ct);

    private static Command Verb(Common common, string name, string description, WebhookAction action, params Symbol[] symbols) =>
        AdminVerb.Create(name, description, common.Url, common.Token, parse => WebhookOutput.Json = parse.GetValue(common.Json),
            (api, parse, ct) => action(api, parse, ct), symbols);

    private static Command Add(Common common)
    {
        var url = new Argument<string>("url") { Description = "Where to POST: an absolute http(s) URL (a Slack incoming webhook, PagerDuty's Events API, your receiver)" };
        var events = new Option<string[]>("--events")
        {
            Description = "flag.changed, guard.acted, alert.raised, alert.resolved (several, or comma-separated)",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<string>("--format") { Description = "generic (signed JSON) | slack | pagerduty", DefaultValueFactory = _ => "generic" };
        var secret = new Option<string?>("--secret") { Description = "Sign every body with this (X-Unbuilt-Signature: sha256=HMAC), 16 to 200 characters" };
        var routingKey = new Option<string?>("--routing-key") { Description = "PagerDuty's integration key (format pagerduty)" };
        return Verb(common, "add", "Add a webhook", async (api, parse, ct) =>
        {
            var body = new
            {
                url = parse.GetValue(url),
                events = parse.GetValue(events)!.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                format = parse.GetValue(format),
                secret = parse.GetValue(secret),
                routingKey = parse.GetValue(routingKey),
            };
            WebhookOutput.Added(await api.PostAsync("api/webhooks", body, ct));
            return 0;
        }, url, events, format, secret, routingKey);
    }
}

/// Renders the webhook API's answers for people or, with --json, as the server sent them.
public static class WebhookOutput
{
    public static bool Json { get; set; }

    public static void List(JsonElement webhooks)
    {
        if (PrintJson(webhooks)) return;
        if (webhooks.GetArrayLength() == 0)
        {
            Console.Out.WriteLine("No webhooks. Add one with `unbuilt webhooks add URL --events alert.raised,guard.acted`.");
            return;
        }
        var table = new Table().AddColumns("Id", "Format", "URL", "Events", "Secret", "Pending", "Delivered", "Failed");
        foreach (var w in webhooks.EnumerateArray())
        {
            var counts = w.GetProperty("deliveries");
            table.AddRow(Cell(w.GetProperty("id").GetInt32()), Cell(w.GetProperty("format").GetString()), Cell(w.GetProperty("url").GetString()),
                Cell(string.Join(", ", w.GetProperty("events").EnumerateArray().Select(e => e.GetString()))),
                w.GetProperty("hasSecret").GetBoolean() || w.GetProperty("hasRoutingKey").GetBoolean() ? "set" : "–",
                Cell(counts.GetProperty("pending").GetInt32()), Cell(counts.GetProperty("delivered").GetInt32()),
                Cell(counts.GetProperty("failed").GetInt32()));
        }
        AnsiConsole.Write(table);
    }

    public static void Added(JsonElement webhook)
    {
        if (PrintJson(webhook)) return;
        CliOutput.Ok($"Added webhook {webhook.GetProperty("id").GetInt32()} ({webhook.GetProperty("format").GetString()}) for " +
            $"{string.Join(", ", webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()))}. " +
            $"Try it: unbuilt webhooks test {webhook.GetProperty("id").GetInt32()}");
    }

    /// One line per body a local receiver got: time, path, format and what it says (signature for a generic body).
    public static void Received(Webhooks.ReceivedWebhook received)
    {
        var signature = received.Signature is { } s ? $" [signature {s}]" : "";
        Console.Out.WriteLine($"{received.At.UtcDateTime:HH:mm:ss}  {received.Path,-12} {received.Format,-9}  {received.Line}{signature}");
    }

    public static void Queued(int id, JsonElement delivery)
    {
        if (PrintJson(delivery)) return;
        CliOutput.Ok($"Test event queued for webhook {id} (delivery {delivery.GetProperty("id").GetInt64()}); see `unbuilt webhooks deliveries {id}`.");
    }

    public static void Deliveries(int id, JsonElement log)
    {
        if (PrintJson(log)) return;
        var table = new Table().Title($"[bold]webhook {id}: deliveries[/]")
            .AddColumns("Id", "When", "Event", "Status", "Attempts", "Answer", "Next attempt");
        foreach (var d in log.GetProperty("deliveries").EnumerateArray())
        {
            var answer = d.GetProperty("error").GetString() ?? (d.GetProperty("statusCode").ValueKind == JsonValueKind.Number
                ? $"HTTP {d.GetProperty("statusCode").GetInt32()}" : "–");
            table.AddRow(Cell(d.GetProperty("id").GetInt64()), Cell(CliOutput.When(d.GetProperty("createdAt"), seconds: true)), Cell(d.GetProperty("event").GetString()),
                Cell(d.GetProperty("status").GetString()), Cell(d.GetProperty("attempts").GetInt32()), Cell(answer),
                Cell(CliOutput.When(d.GetProperty("nextAttemptAt"), seconds: true)));
        }
        AnsiConsole.Write(table);
    }

    private static string Cell(object? value) => Markup.Escape(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");


    private static bool PrintJson(JsonElement element)
    {
        if (!Json) return false;
        Console.Out.WriteLine(JsonSerializer.Serialize(element, new JsonSerializerOptions { WriteIndented = true }));
        return true;
    }
}
