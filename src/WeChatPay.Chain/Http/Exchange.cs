using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Http;

/// <summary>
/// The one send skeleton of every call — a JSON call, an upload, a download and the certificate download alike: a sealed
/// call signed and sent (again, on the policy's terms), an error answer thrown, and the caller's check of a success answer
/// run inside the attempt, so that an answer that fails it on one host may still succeed on the other.
/// </summary>
internal sealed class Exchange : IDisposable
{
    private readonly Transport _transport;
    private readonly RetryPolicy _retry;
    private readonly int _maxBody;
    private readonly string _merchantSerial;

    public Exchange(Transport transport, RetryPolicy retry, int maxBody, string merchantSerial)
    {
        _transport = transport;
        _retry = retry;
        _maxBody = maxBody;
        _merchantSerial = merchantSerial;
    }

    /// <summary>The most bytes of an answer read into memory (WeChatPayOptions.MaxResponseBodySize).</summary>
    public int MaxBody => _maxBody;

    /// <summary>The base URL's path, ending with '/': what a call is sealed under.</summary>
    public string BasePath => _transport.BasePath;

    /// <summary>Sends a sealed call and returns its success answer.</summary>
    /// <param name="call">The sealed call.</param>
    /// <param name="idempotent">Whether it may be sent again after it may have reached the server.</param>
    /// <param name="sink">Takes a success answer's body as a stream (a download), or null to read it into the answer.</param>
    /// <param name="check">Checks a success answer (its signature, its JSON); null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed in transport or timed out.</exception>
    public Task<Answer> SendAsync(PreparedCall call, bool idempotent, Func<Stream, CancellationToken, Task>? sink,
        Func<Answer, Task>? check, CancellationToken cancellationToken) =>
        // The attempt's inputs travel as state to a static lambda, so that a call allocates no closure and delegate for them.
        _retry.RunAsync(call, idempotent, resendable: call.Upload is null, (Exchange: this, Call: call, Sink: sink, Check: check, Token: cancellationToken),
            static (state, origin) => state.Exchange.AttemptAsync(state.Call, state.Sink, state.Check, origin, state.Token), cancellationToken);

    // One attempt at one origin: send, throw an error answer, run the caller's check.
    private async Task<Answer> AttemptAsync(PreparedCall call, Func<Stream, CancellationToken, Task>? sink, Func<Answer, Task>? check, string origin,
        CancellationToken cancellationToken)
    {
        var sent = await _transport.SendAsync(call, readWhole: sink is null && call.Operation?.Download == true, cancellationToken, sink, call.Origin ?? origin).ConfigureAwait(false);
        AnswerCheck.ThrowIfError(sent, call, _maxBody, _merchantSerial);
        if (check is not null) await check(sent).ConfigureAwait(false);
        return sent;
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();
}
