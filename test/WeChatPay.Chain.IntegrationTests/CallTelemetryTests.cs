using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.IntegrationTests.Support;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.Sandbox;

/// <summary>
/// Every exchange is told of (<see cref="WeChatPayOptions.CallCompleted"/>), traced (an Activity of <see cref="WeChatPayTelemetry.Name"/>)
/// and measured (its Meter), read here with the listeners System.Diagnostics offers, against the sandbox and its faults.
/// </summary>
[NonParallelizable]
public class CallTelemetryTests : SandboxFixture
{
    private readonly ConcurrentQueue<WeChatPayCall> _calls = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private ActivityListener _activities = null!;
    private MeterListener _meters = null!;
    private WeChatPayClient _observed = null!;

    [OneTimeSetUp]
    public void Listen()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WeChatPayTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WeChatPayTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _meters.Start();
        var options = sandbox.ClientOptions();
        options.CallCompleted = _calls.Enqueue;
        options.Timeout = TimeSpan.FromSeconds(1);
        options.MaxRetries = 0; // one exchange per call here; a retry is its own exchange (ResilienceTests)
        _observed = new WeChatPayClient(options);
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    [OneTimeTearDown]
    public void StopListening()
    {
        _observed.Dispose();
        _activities.Dispose();
        _meters.Dispose();
    }

    [SetUp]
    public void Forget()
    {
        _calls.Clear();
        _spans.Clear();
        _measurements.Clear();
    }

    [Test]
    public async Task A_call_is_told_of_traced_and_measured_with_its_template_status_and_request_id_and_no_value_it_carried()
    {
        var answer = await _observed.V3.Pay.Transactions.OutTradeNo["ORDER-SECRET-71"].GetAsync(new { mchid = "1230000109" });

        var call = _calls.Single();
        var span = _spans.Single();
        Assert.Multiple(() =>
        {
            Assert.That((call.Method, call.Operation, call.StatusCode, call.Outcome, call.ErrorCode),
                Is.EqualTo(("GET", "v3/pay/transactions/out-trade-no/{out_trade_no}", (int?)200, WeChatPayCallOutcome.Succeeded, (string?)null)));
            Assert.That(call.RequestId, Is.EqualTo(answer.RequestId).And.Not.Null);
            Assert.That(call.MerchantId, Is.EqualTo(sandbox.ClientOptions().MerchantId));
            Assert.That(call.Elapsed, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(call.ToString(), Does.StartWith("GET v3/pay/transactions/out-trade-no/{out_trade_no}: 200 in ").And.EndWith($"(Request-ID {answer.RequestId})"));

            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(span.DisplayName, Is.EqualTo("WeChatPay GET v3/pay/transactions/out-trade-no/{out_trade_no}"));
            Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(span.GetTagItem("wechatpay.request_id"), Is.EqualTo(answer.RequestId));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));

            var instruments = _measurements.Select(m => m.Instrument).ToList();
            // The exchange, and the platform key that verified its answer (the public-key migration counter).
            Assert.That(instruments, Is.EquivalentTo(new[] { WeChatPayTelemetry.Requests, WeChatPayTelemetry.Duration, WeChatPayTelemetry.PlatformKeyUses }));
            var keyUse = _measurements.Single(m => m.Instrument == WeChatPayTelemetry.PlatformKeyUses).Tags;
            Assert.That((keyUse["wechatpay.key_use"], keyUse["wechatpay.key_kind"]), Is.EqualTo(((object?)"answer", (object?)"public_key")));
            var tags = _measurements.First(m => m.Instrument == WeChatPayTelemetry.Requests).Tags;
            Assert.That(tags["wechatpay.operation"], Is.EqualTo("v3/pay/transactions/out-trade-no/{out_trade_no}"));
            Assert.That(tags["wechatpay.outcome"], Is.EqualTo("succeeded"));
            var everyTag = _measurements.SelectMany(m => m.Tags.Values).Concat(span.TagObjects.Select(t => t.Value)).Select(v => v?.ToString() ?? "");
            Assert.That(everyTag, Has.None.Contains("ORDER-SECRET-71").And.None.Contains("1230000109"), "no value a request carries is a tag");
        });
    }

    [TestCase(SandboxFault.Json500, WeChatPayCallOutcome.ErrorAnswer, 500, "SYSTEM_ERROR", "error_answer")]
    [TestCase(SandboxFault.WrongSignature, WeChatPayCallOutcome.SignatureFailed, 200, null, "signature_failed")]
    [TestCase(SandboxFault.DroppedConnection, WeChatPayCallOutcome.TransportFailed, null, null, "transport_failed")]
    [TestCase(SandboxFault.SlowResponse, WeChatPayCallOutcome.TimedOut, null, null, "timed_out")]
    public void A_failure_is_told_of_by_its_kind_and_counted(SandboxFault fault, WeChatPayCallOutcome outcome, int? status, string? code, string tag)
    {
        sandbox.Faults.SlowResponseDelay = TimeSpan.FromSeconds(3);
        sandbox.Faults.Next = fault;

        Assert.That(async () => await _observed.V3.Pay.Transactions.OutTradeNo["ORDER-9"].GetAsync(new { mchid = "1230000109" }), Throws.InstanceOf<WeChatPayException>());

        var call = _calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That((call.Outcome, call.StatusCode, call.ErrorCode), Is.EqualTo((outcome, status, code)));
            var failures = _measurements.Where(m => m.Instrument == WeChatPayTelemetry.Failures).ToList();
            Assert.That(failures, Has.Count.EqualTo(1));
            Assert.That(failures[0].Tags["wechatpay.outcome"], Is.EqualTo(tag));
            Assert.That(_spans.Single().Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    public void A_cancelled_call_is_told_of_as_cancelled()
    {
        sandbox.Faults.SlowResponseDelay = TimeSpan.FromMilliseconds(500);
        sandbox.Faults.Next = SandboxFault.SlowResponse;
        using var cancel = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(async () => await _observed.V3.Pay.Transactions.OutTradeNo["ORDER-10"].GetAsync(new { mchid = "1230000109" }, cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());

        Assert.That(_calls.Single().Outcome, Is.EqualTo(WeChatPayCallOutcome.Cancelled));
    }

    [Test]
    public async Task An_observer_that_throws_does_not_fail_the_call()
    {
        var options = sandbox.ClientOptions();
        options.CallCompleted = _ => throw new InvalidOperationException("the observer's own bug");
        using var client = new WeChatPayClient(options);

        var answer = await client.V3.Pay.Transactions.OutTradeNo["ORDER-11"].GetAsync(new { mchid = "1230000109" });

        Assert.That(answer.StatusCode, Is.EqualTo(200));
    }
}
