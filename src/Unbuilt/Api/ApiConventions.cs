using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Unbuilt.Api;

/// Problem details for every error, camelCase JSON with string enums, and bad input reported as 4xx.
public static class ApiConventions
{
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.Configure<JsonOptions>(options =>
        {
            Configure(options.SerializerOptions);
            options.SerializerOptions.Converters.Add(new StrictStringConverter());
            options.SerializerOptions.Converters.Add(new StrictJsonElementConverter());
        });
        builder.Services.AddSingleton<UnmatchedApiRoutes>();
        // Binding failures (malformed JSON, wrong types) throw, so the handler can say exactly what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.NumberHandling = JsonNumberHandling.Strict;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// Unknown API routes answer problem details (404, 405 or 415) instead of falling through to the web app.
    public static void MapApiNotFound(this IEndpointRouteBuilder app) =>
        app.Map("/api/{**path}", (HttpContext http, UnmatchedApiRoutes routes) => routes.Answer(http))
            .WithMetadata(new ApiNotFoundMarker()).ExcludeFromDescription();
}
