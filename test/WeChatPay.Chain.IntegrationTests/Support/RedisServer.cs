using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, nothing saved to disk, stopped (or killed) by the test.
/// Where redis-server is not installed the Redis tests are skipped, unless <c>WECHATPAY_REQUIRE_REDIS=1</c> (set by
/// <c>.ci/run</c>, which installs it) makes that a failure.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration: short timeouts, so that a stopped server shows at once.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,abortConnect=false,connectRetry=0";

    public bool Running => !_process.HasExited;

    public static async Task<RedisServer> StartAsync()
    {
        var executable = Find();
        if (executable is null)
        {
            const string missing = "redis-server is not installed (apt-get install redis-server); the Redis tests need it";
            if (Environment.GetEnvironmentVariable("WECHATPAY_REQUIRE_REDIS") == "1") Assert.Fail(missing);
            Assert.Ignore(missing);
        }
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable!)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", Path.GetTempPath() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited) Assert.Fail($"redis-server exited at start with {process.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }
        server.Dispose();
        Assert.Fail("redis-server did not accept connections within 5 seconds");
        return null!;
    }

    /// <summary>Kills the server at once, as a crash would.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }
        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
