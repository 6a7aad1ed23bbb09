using Scalar.AspNetCore;

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
        // No `servers` entry: it would name the host of whoever asked first; clients use the origin they called.
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));
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
