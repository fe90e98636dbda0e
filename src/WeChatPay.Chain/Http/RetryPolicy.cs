using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Which failed exchanges are sent again, and where: a GET after a transport failure, a timeout or a 5xx answer, and any
/// call whose request never reached the server (the connection was refused or the host not found), at most
/// <see cref="WeChatPayOptions.MaxRetries"/> times, each attempt signed afresh (a new nonce and timestamp). With a backup
/// origin (WeChat Pay's documented <c>api2.mch.weixin.qq.com</c> for the default base URL), a retry goes to the other
/// origin than the attempt before. A call that may have reached WeChat Pay and is not a GET is never sent twice; neither
/// is an upload, nor a download once its file has begun, nor an APIv2 call (sent as not idempotent: money moves) — except
/// the red packets and payouts whose documentation says to send a <c>SYSTEMERROR</c> again as it was (<see cref="PreparedCall.ResendOnSystemError"/>). Each attempt is timed and reported (<see cref="CallObserver"/>).
/// </summary>
internal sealed class RetryPolicy
{
    /// <summary>WeChat Pay's documented backup domain for <see cref="WeChatPayOptions.DefaultBaseUrl"/>.</summary>
    public const string DocumentedBackup = "https://api2.mch.weixin.qq.com/";

    private const string SystemError = "SYSTEMERROR";

    private readonly string[] _origins;
    private readonly CallObserver _observer;

    public RetryPolicy(int maxRetries, string primaryOrigin, string? backupOrigin, CallObserver observer)
    {
        MaxRetries = maxRetries;
        _observer = observer;
        _origins = backupOrigin is null ? new[] { primaryOrigin } : new[] { primaryOrigin, backupOrigin };
    }

    /// <summary>How many times a failed exchange may be sent again.</summary>
    public int MaxRetries { get; }

    /// <summary>The origin of attempt <paramref name="attempt"/> (0 is the first): the primary, then the backup, in turn.</summary>
    public string OriginOf(int attempt) => _origins[attempt % _origins.Length];

    /// <summary>Runs <paramref name="exchange"/> (given the origin to send to) until it succeeds, fails for good, or runs out of retries.</summary>
    /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
    /// <param name="call">The sealed call, for the reports.</param>
    /// <param name="idempotent">The call may be sent twice even after reaching the server (a GET that writes nowhere yet).</param>
    /// <param name="resendable">The request can be built again at all (false for an upload, whose file stream is read once).</param>
    /// <param name="state">What <paramref name="exchange"/> needs, handed to each attempt (so that it need not be a closure).</param>
    /// <param name="exchange">One attempt, given the state and the origin to send to: send, check the answer; each attempt signs afresh.</param>
    /// <param name="cancellationToken">Cancels the attempts and the waits between them.</param>
    /// <exception cref="WeChatPayException">The last attempt failed; after more than one, its message says how many were made and how long they took.</exception>
    public async Task<Answer> RunAsync<TState>(PreparedCall call, bool idempotent, bool resendable, TState state, Func<TState, string, Task<Answer>> exchange,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var observed = _observer.Start(call);
            try
            {
                var answer = await exchange(state, OriginOf(attempt)).ConfigureAwait(false);
                _observer.End(observed, answer, null);
                return answer;
            }
            catch (Exception e)
            {
                _observer.End(observed, null, e);
                if (!resendable || attempt >= MaxRetries || cancellationToken.IsCancellationRequested || !ShouldRetry(e, idempotent, call.ResendOnSystemError))
                {
                    if (attempt > 0 && e is WeChatPayException failure && failure.WithNote(Attempts(attempt + 1, started)) is { } noted) throw noted;
                    throw;
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    // Each attempt has the whole Timeout: the message of a call that was retried says so, with the time of them all.
    private string Attempts(int made, long started)
    {
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        var total = seconds.ToString("0.0##", CultureInfo.InvariantCulture);
        return made == 1 + MaxRetries
            ? $"That was the last of {made} attempts (1 + MaxRetries {MaxRetries}), each given its own Timeout: {total} s in all."
            : $"That was attempt {made} (MaxRetries {MaxRetries} allows {1 + MaxRetries}), each given its own Timeout: {total} s in all.";
    }

    private static bool ShouldRetry(Exception failure, bool idempotent, bool resendOnSystemError) => failure switch
    {
        WeChatPaySignatureException => false,
        // WeChat Pay's documented answer to a red packet's or payout's SYSTEMERROR: the same request again, same number.
        WeChatPayException { Code: SystemError } => resendOnSystemError,
        WeChatPayException { StatusCode: >= 500 } => idempotent,
        WeChatPayException { StatusCode: null } e => NeverReached(e) || idempotent,
        _ => false,
    };

    // The connection was never made: nothing of the request reached a server, so sending it again is safe for any call.
    internal static bool NeverReached(Exception failure)
    {
        for (var cause = failure.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException socket)
            {
                return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain
                    or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable;
            }
        }
        return false;
    }
}
