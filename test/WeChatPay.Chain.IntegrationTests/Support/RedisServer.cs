using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, stopped (or killed) by the test: by default nothing saved to
/// disk; durable, an append-only file in a folder of its own, fsynced on every write, read again by a restart. Where
/// redis-server is not installed the Redis tests are skipped, unless <c>WECHATPAY_REQUIRE_REDIS=1</c> (set by
/// <c>.ci/run</c>, which installs it) makes that a failure.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _executable;
    private readonly string? _directory;
    private Process _process = null!;

    private RedisServer(string executable, int port, string? directory)
    {
        _executable = executable;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration: short timeouts, so that a stopped server shows at once.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,abortConnect=false,connectRetry=0";

    public bool Running => !_process.HasExited;

    public static async Task<RedisServer> StartAsync(bool durable = false)
    {
        var executable = Find();
        if (executable is null)
        {
            const string missing = "redis-server is not installed (apt-get install redis-server); the Redis tests need it";
            if (Environment.GetEnvironmentVariable("WECHATPAY_REQUIRE_REDIS") == "1") Assert.Fail(missing);
            Assert.Ignore(missing);
        }
        var directory = durable ? Directory.CreateTempSubdirectory("wechatpay-redis-").FullName : null;
        var server = new RedisServer(executable!, FreePort(), directory);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Starts the server again on its port (and, when durable, on its data) after <see cref="Kill"/>.</summary>
    public Task RestartAsync()
    {
        if (Running) throw new InvalidOperationException("redis-server is still running");
        _process.Dispose();
        return StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        var arguments = new List<string> { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes", "--save", "" };
        arguments.AddRange(_directory is null
            ? new[] { "--appendonly", "no", "--dir", Path.GetTempPath() }
            : new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory });
        var start = new ProcessStartInfo(_executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited) Assert.Fail($"redis-server exited at start with {_process.ExitCode}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }
        Dispose();
        Assert.Fail("redis-server did not accept connections within 5 seconds");
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
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
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
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
