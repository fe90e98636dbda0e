using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Certificates;

/// <summary>
/// The platform keys a client holds now, and their renewal in certificate mode: on a schedule, when an answer names an
/// unknown serial, and on first use by a client built without a key. One refresh runs at a time, however many calls wait
/// for it; calls that know their key never wait. A refresh reads the certificate store first (another server may have
/// saved a newer answer), else downloads and saves; a failed refresh keeps the keys held, and every refresh is reported.
/// </summary>
internal sealed class PlatformKeyRing : IDisposable
{
    /// <summary>The least time between two refreshes caused by unknown serials, so that a stream of them cannot become a stream of downloads.</summary>
    public static readonly TimeSpan UnknownSerialPause = TimeSpan.FromMinutes(1);

    /// <summary>How long a store read or write may take before the refresh goes on without the store.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(3);

    /// <summary>After a failed scheduled refresh, when the next try comes (unless the interval is shorter).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    private readonly ICertificateSource _source;
    private readonly Diagnostics.MigrationCounters _migration;
    private readonly Crypto.Scheme _scheme;
    private readonly IWeChatPayCertificateStore _store;
    private readonly string _merchantId;
    private readonly string? _apiV3Key;
    private readonly string? _preferredEncryptionId;
    private readonly TimeSpan _interval;
    private readonly Action<WeChatPayCertificateRefresh>? _observer;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly ITimer? _timer;
    private volatile PlatformKeyStore _current;
    private DateTimeOffset _heldDownloadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUnknownSerialRefresh = DateTimeOffset.MinValue;
    private Task<PlatformKeyStore>? _running;

    public PlatformKeyRing(PlatformKeyStore configured, bool refreshes, string? apiV3Key, string merchantId, Crypto.Scheme scheme, TimeSpan interval,
        IWeChatPayCertificateStore? store, Action<WeChatPayCertificateRefresh>? observer, string? preferredEncryptionId,
        TimeProvider clock, ICertificateSource source, Diagnostics.MigrationCounters migration)
    {
        _migration = migration;
        _current = configured;
        Refreshes = refreshes && apiV3Key is not null;
        _apiV3Key = apiV3Key;
        _merchantId = merchantId;
        _interval = interval;
        _store = store ?? new InMemoryCertificateStore();
        _observer = observer;
        _preferredEncryptionId = preferredEncryptionId;
        _clock = clock;
        _scheme = scheme;
        _source = source;
        // The first refresh comes at a random point of the interval's last fifth, so that servers started together
        // (after a deploy) do not all refresh at once: the first saves, the others read what it saved.
        if (Refreshes) _timer = clock.CreateTimer(_ => OnSchedule(), null, FirstDue(interval), interval);
    }

    /// <summary>The keys held now; one call uses one snapshot throughout.</summary>
    public PlatformKeyStore Current => _current;

    /// <summary>Whether this client renews its certificates (certificate mode, an APIv3 key, refresh on).</summary>
    public bool Refreshes { get; }

    /// <summary>The keys to use: those held, or — for a client built without any — the first download's.</summary>
    /// <exception cref="WeChatPayException">The client holds no key and the first download failed.</exception>
    public Task<PlatformKeyStore> ReadyAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        return current.IsEmpty && Refreshes ? RefreshAsync(CertificateRefreshReason.FirstUse, cancellationToken) : Task.FromResult(current);
    }

    /// <summary>
    /// An answer or callback named <paramref name="serial"/>, which <paramref name="used"/> does not hold: the keys after one
    /// refresh (shared with every other call waiting for it), or those held when another refresh already brought the serial,
    /// refresh is off, or one ran for an unknown serial less than <see cref="UnknownSerialPause"/> ago.
    /// </summary>
    public async Task<PlatformKeyStore> AfterUnknownSerialAsync(string serial, PlatformKeyStore used, CancellationToken cancellationToken)
    {
        if (!Refreshes) return _current;
        Task<PlatformKeyStore> running;
        // One decision under the lock: what is held now, whether a refresh just ran, and starting or joining one; read
        // apart, a refresh finishing between them made a call miss the key it brought, or download a second time.
        lock (_gate)
        {
            var current = _current;
            if (!ReferenceEquals(current, used) && current.TryGet(serial, out _)) return current;
            if (_running is null && _clock.GetUtcNow() - _lastUnknownSerialRefresh < UnknownSerialPause) return current;
            running = StartOrJoin(CertificateRefreshReason.UnknownSerial, serial);
        }
        try
        {
            return await WaitAsync(running, cancellationToken).ConfigureAwait(false);
        }
        catch (WeChatPayException)
        {
            return _current; // reported to the observer; the call fails on its unknown serial as it would have
        }
    }

    /// <summary>
    /// Downloads and reads the platform certificates (<c>GET v3/certificates</c>) without holding them: verified with a key
    /// held or, on first contact, with the listed certificate <c>Wechatpay-Serial</c> names.
    /// </summary>
    /// <exception cref="InvalidOperationException">No APIv3 key is configured.</exception>
    /// <exception cref="WeChatPaySignatureException">The answer failed verification.</exception>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, the call failed, or a certificate does not decrypt or check out.</exception>
    public async Task<IReadOnlyList<WeChatPayPlatformCertificate>> DownloadAsync(CancellationToken cancellationToken)
    {
        if (_apiV3Key is null)
            throw new InvalidOperationException("Downloading platform certificates needs the APIv3 key, which decrypts them: set WeChatPayOptions.ApiV3Key.");
        var download = await _source.DownloadAsync(cancellationToken).ConfigureAwait(false);
        var known = _current;
        var read = CertificateAnswer.Read(CertificateAnswer.Target, download, _apiV3Key, _scheme, known.IsEmpty ? null : known, _clock);
        return read.Select(c => c.Certificate).ToArray();
    }

    /// <summary>Refreshes now (or joins the refresh under way) and returns the keys held afterwards.</summary>
    /// <exception cref="WeChatPayException">The refresh failed (the keys held are kept).</exception>
    /// <exception cref="InvalidOperationException">This client does not renew certificates.</exception>
    public Task<PlatformKeyStore> RefreshAsync(CertificateRefreshReason reason, CancellationToken cancellationToken, string? wantedSerial = null)
    {
        if (!Refreshes)
            throw new InvalidOperationException(_apiV3Key is null
                ? "Refreshing platform certificates needs the APIv3 key, which decrypts them: set WeChatPayOptions.ApiV3Key."
                : "This client does not refresh platform certificates: WeChatPayOptions.RefreshCertificates is off, PublicKeysOnly is on, or only WeChat Pay public keys (PUB_KEY_ID_…) are configured.");
        Task<PlatformKeyStore> running;
        lock (_gate) running = StartOrJoin(reason, wantedSerial);
        return WaitAsync(running, cancellationToken);
    }

    // The refresh under way, or a new one; called under the lock. The refresh is shared: one caller's cancellation ends its
    // own wait, never the refresh the others wait for.
    private Task<PlatformKeyStore> StartOrJoin(CertificateRefreshReason reason, string? wantedSerial)
    {
        if (reason == CertificateRefreshReason.UnknownSerial) _lastUnknownSerialRefresh = _clock.GetUtcNow();
        return _running ??= Task.Run(() => RunAsync(reason, wantedSerial));
    }

    private static TimeSpan FirstDue(TimeSpan interval)
    {
        var bytes = new byte[4];
        using (var random = System.Security.Cryptography.RandomNumberGenerator.Create()) random.GetBytes(bytes);
        var fraction = BitConverter.ToUInt32(bytes, 0) / (double)uint.MaxValue;
        return TimeSpan.FromTicks((long)(interval.Ticks * (0.8 + 0.2 * fraction)));
    }

    /// <summary>Stops the schedule.</summary>
    public void Dispose() => _timer?.Dispose();

    private void OnSchedule()
    {
        DropExpired();
        RefreshAsync(CertificateRefreshReason.Schedule, CancellationToken.None).ContinueWith(
            failed => _ = failed.Exception, // reported to the observer
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    // Certificates past their expire_time go even when no refresh succeeds.
    private void DropExpired()
    {
        lock (_gate) _current = _current.WithoutExpired(_preferredEncryptionId, _clock.GetUtcNow());
    }

    private async Task<PlatformKeyStore> RunAsync(CertificateRefreshReason reason, string? wantedSerial)
    {
        var before = _current;
        string? storeProblem = null;
        try
        {
            // 1. What another server (or this one) saved, when it is newer than what is held and recent enough to use.
            var (_, saved, problemReading) = await Shared.Bounded.TryAsync(token => _store.GetAsync(_merchantId, token), StoreTimeout).ConfigureAwait(false);
            storeProblem = problemReading;
            if (saved is not null && reason != CertificateRefreshReason.Requested && saved.DownloadedAt > _heldDownloadedAt
                && _clock.GetUtcNow() - saved.DownloadedAt < _interval)
            {
                var fromStore = TryRead(saved, before, out var problem);
                if (fromStore is not null && (wantedSerial is null || fromStore.Any(c => PlatformKeyStore.SameSerial(c.Certificate.SerialNumber, wantedSerial))))
                    return Publish(reason, before, fromStore, saved.DownloadedAt, fromStore: true, storeProblem);
                if (problem is not null) storeProblem = problem;
            }

            // 2. A download of our own, then saved for the others.
            var download = await _source.DownloadAsync(CancellationToken.None).ConfigureAwait(false);
            _migration.CertificatesDownloaded();
            var certificates = CertificateAnswer.Read(CertificateAnswer.Target, download, _apiV3Key!, _scheme, before.IsEmpty ? null : before, _clock);
            storeProblem = await Shared.Bounded.TryAsync(token => _store.ReplaceAsync(_merchantId, download, token), StoreTimeout).ConfigureAwait(false) ?? storeProblem;
            return Publish(reason, before, certificates, download.DownloadedAt, fromStore: false, storeProblem);
        }
        catch (Exception e)
        {
            var error = e as WeChatPayException ?? new WeChatPayException(
                $"GET {CertificateAnswer.Target}: the platform certificate refresh failed: {e.Message}", "GET", CertificateAnswer.Target, null, null, null, e);
            // A failed scheduled refresh is tried again sooner than a whole interval later.
            if (reason == CertificateRefreshReason.Schedule) _timer?.Change(RetryAfterFailure < _interval ? RetryAfterFailure : _interval, _interval);
            Report(new WeChatPayCertificateRefresh(reason, false, false, before.Ids, Array.Empty<string>(), Array.Empty<string>(), error, storeProblem));
            throw error;
        }
        finally
        {
            lock (_gate) _running = null;
        }
    }

    private PlatformKeyStore Publish(CertificateRefreshReason reason, PlatformKeyStore before, IReadOnlyList<DownloadedCertificate> certificates,
        DateTimeOffset downloadedAt, bool fromStore, string? storeProblem)
    {
        PlatformKeyStore after;
        lock (_gate)
        {
            after = _current.With(certificates, _preferredEncryptionId, _clock.GetUtcNow());
            _current = after;
            _heldDownloadedAt = downloadedAt;
        }
        var added = after.Downloaded.Select(c => c.Certificate.SerialNumber).Where(id => !before.TryGet(id, out _)).ToArray();
        var dropped = before.Ids.Where(id => !after.TryGet(id, out _)).ToArray();
        Report(new WeChatPayCertificateRefresh(reason, true, fromStore, after.Ids, added, dropped, null, storeProblem));
        return after;
    }

    // A saved answer checked as if just downloaded (signature as of its download time, decryption, serials); null when it fails.
    private IReadOnlyList<DownloadedCertificate>? TryRead(WeChatPayCertificateDownload saved, PlatformKeyStore known, out string? problem)
    {
        try
        {
            problem = null;
            return CertificateAnswer.Read(CertificateAnswer.Target, saved, _apiV3Key!, _scheme, known.IsEmpty ? null : known, _clock, justDownloaded: false);
        }
        catch (WeChatPayException e)
        {
            problem = "the saved answer did not check out, so it was downloaded anew: " + e.Message;
            return null;
        }
    }

    private void Report(WeChatPayCertificateRefresh refresh)
    {
        try
        {
            _observer?.Invoke(refresh);
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            // An observer that throws must not break the refresh it is told about.
            _ = e;
        }
    }

    private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted) return await task.ConfigureAwait(false);
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                throw new OperationCanceledException(cancellationToken);
        }
        return await task.ConfigureAwait(false);
    }

}
