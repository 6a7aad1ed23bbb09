using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Unbuilt.Testing;

/// A real redis-server on a free loopback port, started for a test and stopped after it.
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;
    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does).");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(binary,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var server = new RedisServer(process, port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
