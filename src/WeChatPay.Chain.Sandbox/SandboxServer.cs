using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The request handler behind Kestrel: takes the fault, checks the request, answers as WeChat Pay does, and records
/// and logs the call (names and statuses only).
/// </summary>
internal sealed partial class SandboxServer
{
    /// <summary>The most calls kept in <see cref="Calls"/>; older ones are dropped first.</summary>
    public const int MaxCalls = 10_000;

    /// <summary>The most nonces remembered for replay detection.</summary>
    public const int NonceCapacity = 500_000;

    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private readonly SandboxKeys _keys;
    private readonly SandboxTls _tls;
    private readonly SandboxFaults _faults;
    private readonly TimeProvider _clock;
    private readonly SandboxLog _log;
    private readonly CancellationToken _stopping;
    private readonly OperationCatalog _catalog = OperationCatalog.Default;

    /// <summary>The bills applied for and served.</summary>
    public SandboxBills Bills { get; } = new();

    /// <summary>The orders and refunds created and notified (shared with a backup sandbox: the same WeChat Pay).</summary>
    public SandboxOrders Orders { get; }
    private readonly AuthorizationCheck _authorization;
    private readonly AnswerBuilder _answers;
    private readonly SandboxV2Answers _v2Answers;
    private readonly ConcurrentQueue<SandboxCall> _calls = new();
    private int _callCount;

    public SandboxServer(SandboxKeys keys, SandboxOrders orders, SandboxFaults faults, TimeProvider clock, SandboxLog log, CancellationToken stopping,
        SandboxTls tls)
    {
        _tls = tls;
        Orders = orders;
        _keys = keys;
        _faults = faults;
        _clock = clock;
        _log = log;
        _stopping = stopping;
        Nonces = new NonceStore(NonceCapacity, AuthorizationCheck.WindowSeconds);
        _authorization = new AuthorizationCheck(keys, Nonces, clock);
        _answers = new AnswerBuilder(keys);
        _v2Answers = new SandboxV2Answers(_answers);
    }

    public NonceStore Nonces { get; }

    /// <summary>A snapshot of the calls so far, oldest first.</summary>
    public IReadOnlyList<SandboxCall> Calls => _calls.ToArray();

    /// <summary>Handles one request; never throws.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var requestId = RequestIds.Create();
        context.Response.Headers["Request-ID"] = requestId;
        var record = new CallRecord(_clock.GetUtcNow(), requestId, context.Request.Method, context.Request.Path.Value ?? "/", _faults.Take())
        {
            ClientCertificate = context.Connection.ClientCertificate is not null,
        };
        try
        {
            await HandleAsync(context, record).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            record.StatusCode = e.StatusCode;
            record.ErrorCode = "INVALID_REQUEST";
            Record(record);
            if (!context.Response.HasStarted)
                await WriteJsonAsync(context, e.StatusCode, new Newtonsoft.Json.Linq.JObject { ["code"] = "INVALID_REQUEST", ["message"] = e.Message }, SandboxFault.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || e is IOException)
        {
            // The client went away (or the sandbox is stopping) while the request was read or delayed.
            record.StatusCode = 0;
        }
        catch (Exception e)
        {
            _log.Error($"{record.Method} {record.Path}: the sandbox failed with {e.GetType().Name}");
            record.StatusCode = 500;
            record.ErrorCode = "SYSTEM_ERROR";
            Record(record);
            if (!context.Response.HasStarted)
                await WriteJsonAsync(context, 500, SystemError(), SandboxFault.None).ConfigureAwait(false);
        }
        finally
        {
            Record(record);
        }
    }

    private async Task HandleAsync(HttpContext context, CallRecord record)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        switch (record.Fault)
        {
            case SandboxFault.DroppedConnection:
                record.StatusCode = 0;
                Record(record);
                context.Abort();
                return;
            case SandboxFault.Html502:
                record.StatusCode = 502;
                Record(record);
                await WriteHtml502Async(context).ConfigureAwait(false);
                return;
            case SandboxFault.Json500:
                record.StatusCode = 500;
                record.ErrorCode = "SYSTEM_ERROR";
                Record(record);
                await WriteJsonAsync(context, 500, SystemError(), SandboxFault.None).ConfigureAwait(false);
                return;
            case SandboxFault.SlowResponse:
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping))
                    await Task.Delay(_faults.SlowResponseDelay, wait.Token).ConfigureAwait(false);
                break;
        }

        var answer = await ProcessAsync(context, RawTarget(context), body, record).ConfigureAwait(false);
        record.StatusCode = answer.Status;
        // Recorded before the answer leaves, so that a caller reading Calls right after its call finds it.
        Record(record);
        if (answer.Bill != null)
            await WriteBillAsync(context, answer.Bill, record.Fault == SandboxFault.AlteredFile).ConfigureAwait(false);
        else if (answer.V2Bill != null)
            await WriteV2BillAsync(context, answer.V2Bill).ConfigureAwait(false);
        else if (answer.Xml != null)
            await WriteXmlAsync(context, answer.Xml).ConfigureAwait(false);
        else if (answer.File != null)
            await WriteFileAsync(context, answer.File).ConfigureAwait(false);
        else
            await WriteJsonAsync(context, answer.Status, answer.Json, record.Fault).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0) return Array.Empty<byte>();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new BadHttpRequestException("The request body is larger than the sandbox accepts (16 MiB).", 413);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // The request target exactly as on the request line: what the client signed.
    private static string RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw) && raw[0] == '/') return raw;
        var request = context.Request;
        return request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
    }

    // Once per request: the first call wins (the answer's status is set by then).
    private void Record(CallRecord record)
    {
        if (record.Recorded) return;
        record.Recorded = true;
        var call = record.Freeze();
        _calls.Enqueue(call);
        if (Interlocked.Increment(ref _callCount) > MaxCalls && _calls.TryDequeue(out _))
            Interlocked.Decrement(ref _callCount);
        _log.Info(call.ToString());
    }
}
