using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatPay.Chain;

namespace WeChatPay.Chain.Hosting;

// One client per registered name, built from its options: its HTTP handler from IHttpMessageHandlerFactory (so that the
// host's handlers, proxy and primary handler apply), its calls and certificate refreshes logged.
internal sealed class WeChatPayClientFactory : IWeChatPayClientFactory, IDisposable
{
    private readonly IOptionsMonitor<WeChatPayOptions> _options;
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<string, Lazy<WeChatPayClient>> _clients = new(StringComparer.Ordinal);
    private readonly WeChatPayRegistrations _registered;

    public WeChatPayClientFactory(IOptionsMonitor<WeChatPayOptions> options, IHttpMessageHandlerFactory handlers, WeChatPayRegistrations registered, ILoggerFactory? loggers = null)
    {
        _options = options;
        _handlers = handlers;
        _registered = registered;
        _loggers = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
    }

    /// <summary>The name of the HTTP client a merchant's calls go through.</summary>
    public static string HttpClientName(string name) => "WeChatPay.Chain" + (name.Length == 0 ? string.Empty : ":" + name);

    public WeChatPayClient Get(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        return _clients.GetOrAdd(name, key => new Lazy<WeChatPayClient>(() => Create(key))).Value;
    }

    private WeChatPayClient Create(string name)
    {
        if (!_registered.Contains(name))
            throw new InvalidOperationException($"No WeChat Pay merchant is registered under the name '{name}': call services.AddWeChatPay(\"{name}\", …) first.");
        var options = _options.Get(name);
        var logger = _loggers.CreateLogger("WeChatPay.Chain");
        var handler = _handlers.CreateHandler(HttpClientName(name));
        var calls = options.CallCompleted;
        var refreshes = options.CertificateRefreshed;
        // The registered options are shared (IOptionsMonitor caches them): the client gets a copy to add its handler and observers to.
        var configured = options.Clone();
        configured.HttpMessageHandler = handler;
        // The operations that need the merchant certificate go through a client of their own, whose handler presents it.
        if (options.MerchantCertificate is not null && options.CertificateHttpMessageHandler is null)
            configured.CertificateHttpMessageHandler = _handlers.CreateHandler(MerchantCertificateHandlers.ClientName(name));
        configured.CallCompleted = call =>
        {
            Log.Call(logger, name, call);
            calls?.Invoke(call);
        };
        configured.CertificateRefreshed = refresh =>
        {
            Log.Refresh(logger, name, refresh);
            refreshes?.Invoke(refresh);
        };
        return new WeChatPayClient(configured);
    }

    public void Dispose()
    {
        // The handlers are the HTTP client factory's to keep and release; the clients are ours.
        foreach (var entry in _clients.Values)
        {
            if (entry.IsValueCreated) entry.Value.Dispose();
        }
    }
}
