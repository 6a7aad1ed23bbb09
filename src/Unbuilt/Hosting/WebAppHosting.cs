using Unbuilt.Api;

namespace Unbuilt.Hosting;

/// Serves the built React app from wwwroot; any other non-API path gets index.html so client routes survive a reload.
public static class WebAppHosting
{
    public static void MapWebApp(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapApiNotFound();
        app.MapFallbackToFile("index.html");
    }
}
