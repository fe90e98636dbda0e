using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>Starting, stopping and the console entry point.</summary>
public class LifecycleTests
{
    [Test]
    public async Task A_disposed_sandbox_no_longer_answers()
    {
        var sandbox = await WeChatPaySandbox.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var before = await http.GetAsync(sandbox.BaseUrl + "v3/certificates");
        Assert.That((int)before.StatusCode, Is.EqualTo(401));

        await sandbox.DisposeAsync();
        await sandbox.DisposeAsync(); // twice is fine

        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(sandbox.BaseUrl + "v3/certificates"));
        Assert.ThrowsAsync<ObjectDisposedException>(() => sandbox.SendCallbackAsync("http://127.0.0.1:9/", "PAPAY.SIGN", new { }));
    }

    [Test]
    public async Task Disposal_cuts_a_slow_response_short()
    {
        var sandbox = await WeChatPaySandbox.StartAsync();
        sandbox.Faults.SlowResponseDelay = TimeSpan.FromMinutes(5);
        sandbox.Faults.Always = SandboxFault.SlowResponse;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var pending = http.GetAsync(sandbox.BaseUrl + "v3/certificates");
        await Task.Delay(200);
        var started = DateTimeOffset.UtcNow;

        await sandbox.DisposeAsync();

        Assert.That(DateTimeOffset.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(6)));
        try
        {
            await pending;
        }
        catch (HttpRequestException)
        {
            // Either no answer or an aborted connection: the point is that it ended.
        }
    }

    [Test]
    public async Task The_host_prints_the_address_and_a_ready_client_configuration_then_stops_when_cancelled()
    {
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = SandboxHost.RunAsync(new SandboxOptions(), TextWriter.Synchronized(output), stop.Token);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!output.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline && !run.IsCompleted)
            await Task.Delay(20);

        var text = output.ToString();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(text, Does.Contain("listening on http://127.0.0.1:"));
        Assert.That(text, Does.Contain("THROW-AWAY"));
        Assert.That(text, Does.Contain("\"MerchantPrivateKey\": \"-----BEGIN PRIVATE KEY-----"));
        Assert.That(text, Does.Contain("\"PUB_KEY_ID_"));
        Assert.That(text, Does.Contain("\"ApiV3Key\""));
        Assert.That(output.ToString(), Does.Contain("sandbox: stopped"));
    }
}
