using System.Collections.Concurrent;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Realtime;

namespace Unbuilt.Hosting;

/// OpenAPI at /openapi/v1.json and a browsable reference at /api-docs. The document is generated once per process
/// (it describes the endpoints, which do not change while the process runs): generating it costs tens of
/// milliseconds of CPU, which an anonymous caller could otherwise ask for in a loop.
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-docs";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            // A component is named after its record alone, so two records of one name (a plan's phase and a flag's)
            // would share one schema and the document would give one the other's fields: refuse, naming both.
            var claimed = new ConcurrentDictionary<string, Type>(StringComparer.Ordinal);
            options.CreateSchemaReferenceId = info =>
            {
                var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
                var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
                if (id is not null && claimed.GetOrAdd(id, type) is var owner && owner != type)
                    throw new InvalidOperationException($"{owner.FullName} and {type.FullName} would both be the schema {id}: rename one.");
                return id;
            };
            options.AddSchemaTransformer(ApiSchemas.TransformAsync);
            // No `servers` entry: it would name the host of whoever asked first; clients use the origin they called.
            // Nothing else in the document depends on the host, the time or the database, so it can be checked in
            // (src/web/openapi.json) and compared with in a test.
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers?.Clear();
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer(LiveEvents.AddAsync);
            options.AddDocumentTransformer(ApiSchemas.DescribeRowStatesAsync);
            options.AddDocumentTransformer(ApiSchemas.RelaxRequests);
            options.AddDocumentTransformer(ApiSchemas.SortComponents);
        });
        builder.Services.AddSingleton<GeneratedOnce>();
        return builder;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        var cache = app.Services.GetRequiredService<GeneratedOnce>();
        app.Use((HttpContext context, Func<Task> next) => context.Request.Path.Equals(DocumentPath, StringComparison.OrdinalIgnoreCase)
            ? cache.ServeAsync(context, next) : next());
        app.MapOpenApi();
        // The reference's default fonts come from Scalar's CDN, which the page's policy does not allow (SecurityHeaders).
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("Unbuilt API").DisableDefaultFonts());
    }

    /// Keeps the first successful answer's bytes and serves them to every later request.
    private sealed class GeneratedOnce
    {
        private readonly SemaphoreSlim generating = new(1, 1);
        private (byte[] Body, string? ContentType)? answer;

        public async Task ServeAsync(HttpContext context, Func<Task> next)
        {
            if (answer is null)
            {
                await generating.WaitAsync(context.RequestAborted);
                try
                {
                    if (answer is null && !await GenerateAsync(context, next)) return;
                }
                finally
                {
                    generating.Release();
                }
            }
            var (body, contentType) = answer!.Value;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }

        /// Runs the endpoint into a buffer; keeps the result when it succeeded. False when it already answered.
        private async Task<bool> GenerateAsync(HttpContext context, Func<Task> next)
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next();
            }
            finally
            {
                context.Response.Body = original;
            }
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                answer = (buffer.ToArray(), context.Response.ContentType);
                return true;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return false;
        }
    }
}

/// What /hubs/plans sends, as component schemas: no route returns them (except PlanChange), so the generator would
/// not describe them, and the web client's types for the live channel come from this document like the rest.
/// The component's name is the record's; the hub method that carries it is in HubMethods.
internal static class LiveEvents
{
    private static readonly (string Name, Type Type)[] Payloads =
    [
        (nameof(PlanChange), typeof(PlanChange)), // HubMethods.PlanEvent, and GET /api/plans/{id}/changes
        (nameof(PresenceEvent), typeof(PresenceEvent)), // HubMethods.PlanEvent, type presence.changed
        (nameof(FeatureChange), typeof(FeatureChange)),
        (nameof(AdminNotice), typeof(AdminNotice)),
        (nameof(AccessEnded), typeof(AccessEnded)),
        (nameof(AccessChanged), typeof(AccessChanged)),
        (nameof(SignedOut), typeof(SignedOut)),
        (nameof(ResumeAnswer), typeof(ResumeAnswer)), // Resume's answer
    ];

    /// Either payload of HubMethods.PlanEvent: a committed change, or presence (version 0).
    public const string PlanEvent = "PlanEvent";

    public static IEnumerable<string> Names => Payloads.Select(p => p.Name).Append(PlanEvent);

    public static async Task AddAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var (name, type) in Payloads)
        {
            if (document.Components?.Schemas?.ContainsKey(name) == true) continue;
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, ct));
        }
        document.AddComponent(PlanEvent, new OpenApiSchema
        {
            Description = "What the live channel sends as PlanEvent: a committed change, or who is viewing the plan (version 0).",
            OneOf =
            [
                new OpenApiSchemaReference(nameof(PlanChange), document),
                new OpenApiSchemaReference(nameof(PresenceEvent), document),
            ],
        });
    }
}
