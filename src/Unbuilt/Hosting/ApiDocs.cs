using Scalar.AspNetCore;

namespace Unbuilt.Hosting;

/// OpenAPI at /openapi/v1.json and a browsable reference at /api-docs.
public static class ApiDocs
{
    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs", options => options.WithTitle("Unbuilt API"));
    }
}
