using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// A local WeChat Pay APIv3 simulator on 127.0.0.1: it checks every request as WeChat Pay does (signature, clock,
/// nonce, required fields, enums, encrypted fields), answers every catalog operation with a signed deterministic body,
/// serves platform certificates, sends signed encrypted callbacks, and misbehaves on demand. Its keys are throw-away.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await WeChatPaySandbox.StartAsync();
/// using var wxpay = new WeChatPayClient(sandbox.ClientOptions());
/// var res = await wxpay.V3.Pay.Transactions.Id["4200000001"].GetAsync(new { mchid = "1900000001" });
/// </code>
/// </example>
public sealed partial class WeChatPaySandbox : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly SandboxServer _server;
    private readonly SandboxKeys _keys;
    private readonly TimeProvider? _clientClock;
    private readonly TimeProvider _clock;
    private readonly SandboxLog _log;
    private readonly CancellationTokenSource _stopping;
    private readonly HttpClient _callbackClient;
    private int _disposed;

    private WeChatPaySandbox(WebApplication app, SandboxServer server, SandboxKeys keys, SandboxOptions options, TimeProvider clock,
        SandboxLog log, SandboxFaults faults, CancellationTokenSource stopping, string baseUrl, SandboxTls tls, string tlsBaseUrl, bool ownsTls)
    {
        _tls = tls;
        _ownsTls = ownsTls;
        TlsBaseUrl = tlsBaseUrl;
        _app = app;
        _server = server;
        _keys = keys;
        _clientClock = options.TimeProvider;
        _clock = clock;
        _log = log;
        _stopping = stopping;
        Faults = faults;
        BaseUrl = baseUrl;
        // No client-wide timeout: each send sets its own (SendCallbackAsync 30 s, NotifyAsync the delivery's Timeout).
        _callbackClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The sandbox's address, e.g. <c>http://127.0.0.1:53117/</c>; use it as <see cref="WeChatPayOptions.BaseUrl"/>.</summary>
    public string BaseUrl { get; }

    /// <summary>The fault switches; settable at any time, from any thread.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>The requests so far (the last 10,000), oldest first: names, statuses and checks only, never values or keys.</summary>
    public IReadOnlyList<SandboxCall> Calls => _server.Calls;

    /// <summary>The platform key id the sandbox signs with: a <c>PUB_KEY_ID_…</c> id, or the certificate serial in certificate mode.</summary>
    public string PlatformKeyId => _keys.PlatformKeyId;

    /// <summary>Every platform key id the sandbox has, newest (the one that signs) first: one until <see cref="RotatePlatformCertificate"/> or <see cref="SwitchToPublicKey"/>.</summary>
    public IReadOnlyList<string> PlatformKeyIds => _keys.Platforms.Select(p => p.Id).ToArray();

    /// <summary>
    /// Certificate mode: issues a new platform certificate (a new key of the scheme, RSA-2048 or SM2, valid from now) and signs every later answer
    /// and callback with it, while <c>GET v3/certificates</c> lists both, as WeChat Pay does during a rotation. Requests may
    /// encrypt with either (naming it in <c>Wechatpay-Serial</c>).
    /// </summary>
    /// <returns>The new certificate serial, now <see cref="PlatformKeyId"/>.</returns>
    /// <exception cref="InvalidOperationException">The sandbox runs in public-key mode.</exception>
    public string RotatePlatformCertificate()
    {
        var serial = _keys.Rotate(_clock.GetUtcNow());
        _log.Info($"platform certificate rotated: {serial} signs now; listed: {string.Join(", ", PlatformKeyIds)}");
        return serial;
    }

    /// <summary>
    /// Certificate mode: the migration to a WeChat Pay public key. A new <c>PUB_KEY_ID_…</c> key signs every later answer
    /// and callback; the certificates stay listed by <c>GET v3/certificates</c> and requests may still encrypt with them
    /// (or with the public key), naming the key in <c>Wechatpay-Serial</c>. <see cref="ClientOptions"/> then holds both.
    /// </summary>
    /// <returns>The public key id, now <see cref="PlatformKeyId"/>.</returns>
    /// <exception cref="InvalidOperationException">Not in certificate mode, or switched already.</exception>
    public string SwitchToPublicKey()
    {
        var id = _keys.SwitchToPublicKey();
        _log.Info($"switched to the WeChat Pay public key {id}; certificates still listed: {string.Join(", ", PlatformKeyIds.Skip(1))}");
        return id;
    }

    /// <summary>
    /// Checks pay parameters as WeChat does when a JSAPI page (<c>getBrandWCPayRequest</c>), a mini-program
    /// (<c>wx.requestPayment</c>) or an app (<c>PayReq</c>) hands them over: the form's fields, and the signature over the
    /// signed fields with the merchant public key, by the sandbox's own code.
    /// </summary>
    /// <param name="json">The parameters as the front end receives them, e.g. <c>WeChatPayJsapiParameters.ToJson()</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public SandboxPaymentCheck CheckPayParameters(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        var check = PayParameterCheck.Check(json, _keys);
        _log.Info($"pay parameters: {check}");
        return check;
    }

    /// <summary>
    /// The size, in bytes of CSV before any gzip, of the bills applied for from now on (4 KiB unless set; at most 1 GiB):
    /// set it to 50 MB to see a download streamed. Bills are generated as they are served, never held whole. An APIv2 bill
    /// (<c>pay/downloadbill</c>, <c>pay/downloadfundflow</c>) gets rows until it reaches the size, then its summary lines.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1 byte or above 1 GiB.</exception>
    public long BillSize
    {
        get => _server.Bills.Size;
        set => _server.Bills.Size = value;
    }

    /// <summary>
    /// How many parts an encrypted bill (<c>v3/bill/sub-merchant-fundflowbill</c>, <c>v3/ecommerce/bill/fundflowbill</c>,
    /// <c>v3/payscore/merchant-bill</c>) applied for from now on is split into, as WeChat Pay splits a large one (1 unless
    /// set; at most 10). Each part is a byte range of the same CSV the other bills serve, encrypted on its own.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or above 10.</exception>
    public int BillParts
    {
        get => _server.Bills.Parts;
        set => _server.Bills.Parts = value;
    }

    /// <summary>
    /// The APIv2 key (32 ASCII characters, <see cref="SandboxOptions.ApiV2Key"/> or random) with which v2 requests are
    /// signed and v2 answers are signed (docs/sandbox.md, APIv2).
    /// </summary>
    public string ApiV2Key => _keys.ApiV2Key;

    /// <summary>Which key mode the sandbox runs in.</summary>
    public KeyMode Mode => _keys.Mode;

    /// <summary>Which signature scheme the sandbox's merchant uses: RSA, or 国密 (SM2/SM3/SM4).</summary>
    public SandboxScheme Scheme => _keys.Scheme;

    /// <summary>
    /// Starts a sandbox on 127.0.0.1, generating throw-away merchant and platform keys of <see cref="SandboxOptions.Scheme"/> (RSA-2048, or SM2) (and a self-signed
    /// platform certificate in certificate mode) and a random APIv3 key unless the options give them.
    /// </summary>
    /// <param name="options">How to start; null for the defaults (public-key mode, merchant 1900000001, a free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is unusable (a given key, id or certificate, the port, the merchant id).</exception>
    /// <exception cref="System.IO.IOException">The port could not be bound.</exception>
    public static async Task<WeChatPaySandbox> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (options.Port < 0 || options.Port > 65535)
            throw new ArgumentException("Port must be between 0 (any free port) and 65535.", nameof(SandboxOptions.Port));
        var clock = options.TimeProvider ?? TimeProvider.System;
        var log = new SandboxLog(options.Log, options.Logger);
        SandboxKeys.CheckApiV2Key(options.ApiV2Key); // before the key generation it would waste
        var keys = (await SandboxKeys.CreateAsync(options, clock, cancellationToken).ConfigureAwait(false)).WithApiV2Key(options.ApiV2Key);
        // A 国密 merchant's key is SM2, which TLS here cannot present: its APIv2 certificate is RSA with a key of its own.
        var tls = SandboxTls.Create(keys.MerchantId, keys.MerchantSerial, keys.Scheme == SandboxScheme.Rsa ? keys.MerchantPrivateKeyPem : null, clock.GetUtcNow());
        try
        {
            return await ServeAsync(keys, tls, ownsTls: true, new SandboxOrders(options.OrdersMustExist), options, options.Port, clock, log, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tls.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a second sandbox for the same WeChat Pay — the same merchant, keys, certificates and mode, on another free
    /// port — to stand for its backup domain (<c>api2.mch.weixin.qq.com</c>) beside this one's main domain: point
    /// <see cref="WeChatPayOptions.BackupBaseUrl"/> at its <see cref="BaseUrl"/> to test failover (docs/resilience.md).
    /// Its calls and faults are its own; a rotation on either is seen by both, and so are the orders and refunds either knows.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running backup; dispose it to stop it.</returns>
    public Task<WeChatPaySandbox> StartBackupAsync(CancellationToken cancellationToken = default) =>
        ServeAsync(_keys, _tls, ownsTls: false, _server.Orders, new SandboxOptions { TimeProvider = _clientClock }, 0, _clock, _log, cancellationToken);

    private static async Task<WeChatPaySandbox> ServeAsync(SandboxKeys keys, SandboxTls tls, bool ownsTls, SandboxOrders orders, SandboxOptions options, int listenPort,
        TimeProvider clock, SandboxLog log, CancellationToken cancellationToken)
    {
        var faults = new SandboxFaults();
        var stopping = new CancellationTokenSource();
        var server = new SandboxServer(keys, orders, faults, clock, log, stopping.Token, tls);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(WeChatPaySandbox).Assembly.GetName().Name });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, listenPort);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = tls.Server;
                // Every connection is asked for a certificate; the security operations require the merchant's (SandboxServer judges it).
                https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }));
        });
        var app = builder.Build();
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? Array.Empty<string>();
        string? UrlOf(string scheme) => addresses.FirstOrDefault(a => a.StartsWith(scheme + "://", StringComparison.Ordinal)) is { } address
            ? scheme + "://127.0.0.1:" + new Uri(address).Port.ToString(CultureInfo.InvariantCulture) + "/"
            : null;
        var baseUrl = UrlOf("http") ?? throw new InvalidOperationException("Kestrel reported no address.");
        var sandbox = new WeChatPaySandbox(app, server, keys, options, clock, log, faults, stopping, baseUrl, tls,
            UrlOf("https") ?? throw new InvalidOperationException("Kestrel reported no HTTPS address."), ownsTls);
        log.Info($"listening on {baseUrl} and {sandbox.TlsBaseUrl} ({keys.Mode} mode, {keys.Rules.Name}, platform key {keys.PlatformKeyId}, merchant {keys.MerchantId}, merchant serial {keys.MerchantSerial})");
        return sandbox;
    }

    /// <summary>
    /// A ready client configuration: the merchant id, serial and private key PEM, every platform key (public key PEM, or
    /// certificate PEM in certificate mode; after a rotation or <see cref="SwitchToPublicKey"/>, each) under its id,
    /// <see cref="BaseUrl"/>, the APIv3 and APIv2 keys, and the sandbox clock when one was given. A new object on every call. In
    /// <see cref="SandboxScheme.Sm"/> the keys are SM2 ones (the merchant's PKCS#8 PEM, the platform's SPKI or certificate
    /// PEM), under the same option names: the key says the scheme.
    /// </summary>
    public WeChatPayOptions ClientOptions()
    {
        var options = new WeChatPayOptions
        {
            MerchantId = _keys.MerchantId,
            MerchantSerialNumber = _keys.MerchantSerial,
            MerchantPrivateKey = _keys.MerchantPrivateKeyPem,
            BaseUrl = BaseUrl,
            ApiV3Key = _keys.ApiV3Key,
            ApiV2Key = _keys.ApiV2Key,
            TimeProvider = _clientClock,
        };
        foreach (var platform in _keys.Platforms) options.PlatformKeys[platform.Id] = platform.PublicPem;
        return options;
    }

    /// <summary>Stops Kestrel (cutting short any slow-response delay) and releases everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the timeout are aborted by disposal.
            }
        }
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsTls) _tls.Dispose();
        _callbackClient.Dispose();
        _stopping.Dispose();
        _log.Info("stopped");
    }
}
