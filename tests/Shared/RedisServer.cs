using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Unbuilt.Testing;

/// A real redis-server on a free loopback port, started for a test and stopped after it. A test may also kill it
/// (as a crash would) and start it again on the same port.
public sealed class RedisServer : IAsyncDisposable
{
    private Process process;
    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        var server = new RedisServer(Launch(port), port);
        await server.WaitUntilListeningAsync();
        return server;
    }

    public bool IsRunning => !process.HasExited;

    /// Kills redis-server without warning, as a crash or a lost host would: clients see their sockets closed.
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// Starts a fresh (empty) redis-server on the same port after <see cref="KillAsync"/>.
    public async Task RestartAsync()
    {
        await KillAsync();
        process.Dispose();
        process = Launch(Port);
        await WaitUntilListeningAsync();
    }

    private static Process Launch(int port)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does).");
        return Process.Start(new ProcessStartInfo(binary,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
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
        await KillAsync();
        process.Dispose();
    }
}
