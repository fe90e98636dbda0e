using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WeChatPay.Chain.IntegrationTests.Support;

/// <summary>
/// A notify_url on 127.0.0.1 that answers each request as its script says (a status after a delay, by arrival number) and
/// records every arrival: when, headers, body, and whether the sender gave up on it (cancelled the request) first.
/// </summary>
internal sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _arrivals;
    private int _inFlight;
    private int _maxInFlight;

    private ScriptedReceiver(WebApplication app, Func<int, (int Status, TimeSpan Delay)> script)
    {
        _app = app;
        Script = script;
    }

    public string Url { get; private set; } = string.Empty;

    /// <summary>What to answer to the n-th request (from 1): a status, after a delay.</summary>
    public Func<int, (int Status, TimeSpan Delay)> Script { get; set; }

    /// <summary>The body of the answer to the n-th request (from 1), sent as text/xml; null (the default) for the status alone (and a FAIL JSON on 4xx/5xx).</summary>
    public Func<int, string?>? Body { get; set; }

    /// <summary>Every request, in the order they arrived.</summary>
    public IReadOnlyList<Arrival> Arrivals => _received.OrderBy(a => a.Number).ToArray();

    /// <summary>The most requests it held at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private readonly ConcurrentQueue<Arrival> _received = new();

    /// <summary>Answers every request with <paramref name="status"/> after <paramref name="delay"/> unless the script is changed.</summary>
    public static Task<ScriptedReceiver> StartAsync(int status = 204, TimeSpan delay = default) => StartAsync(_ => (status, delay));

    public static async Task<ScriptedReceiver> StartAsync(Func<int, (int Status, TimeSpan Delay)> script)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new ScriptedReceiver(app, script);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"http://127.0.0.1:{new Uri(address).Port}/pay/notify";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = Stopwatch.GetTimestamp();
        var number = Interlocked.Increment(ref _arrivals);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) == max) break;
        }
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var (status, delay) = Script(number);
            var abandoned = false;
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                abandoned = true;
            }
            _received.Enqueue(new Arrival(number, arrivedAt, headers, body.ToArray(), abandoned));
            if (abandoned) return;
            context.Response.StatusCode = status;
            if (Body?.Invoke(number) is { } answer)
            {
                context.Response.ContentType = "text/xml; charset=utf-8";
                await context.Response.WriteAsync(answer);
            }
            else if (status >= 400)
                await context.Response.WriteAsync("{\"code\":\"FAIL\",\"message\":\"scripted failure\"}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One request: its number, when it arrived (a <see cref="Stopwatch"/> timestamp), its headers and body, and whether the sender cancelled it before the answer.</summary>
    public sealed record Arrival(int Number, long Timestamp, Dictionary<string, string> Headers, byte[] Body, bool Abandoned);
}
