using System;
#if NET5_0_OR_GREATER
using System.Net.Http;
#endif
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Hosting;

// The HTTP client a merchant's certificate operations go through (APIv2's security operations): its primary handler,
// whichever the host configured, presents WeChatPayOptions.MerchantCertificate, loaded and checked as the client does.
internal static class MerchantCertificateHandlers
{
    /// <summary>The name of the HTTP client a merchant's certificate operations go through.</summary>
    public static string ClientName(string name) => "WeChatPay.Chain.Certificate" + (name.Length == 0 ? string.Empty : ":" + name);

    /// <summary>Registers that client; the certificate is added after every other configuration of its primary handler.</summary>
    public static void Register(IServiceCollection services, string name)
    {
        var client = ClientName(name);
        services.AddHttpClient(client);
        services.PostConfigure<HttpClientFactoryOptions>(client, factory => factory.HttpMessageHandlerBuilderActions.Add(builder => Present(builder, name)));
    }

    private static void Present(HttpMessageHandlerBuilder builder, string name)
    {
        var options = builder.Services.GetRequiredService<IOptionsMonitor<WeChatPayOptions>>().Get(name);
        if (options.MerchantCertificate is null) return;
        var key = Keys.LoadSigningKey(options.MerchantPrivateKey, options.MerchantPrivateKeyPassphrase, nameof(WeChatPayOptions.MerchantPrivateKey));
        var certificate = MerchantCertificate.Load(options.MerchantCertificate, options.MerchantCertificatePassword, options.MerchantId.Trim(), key,
            (options.TimeProvider ?? TimeProvider.System).GetUtcNow());
        switch (builder.PrimaryHandler)
        {
#if NET5_0_OR_GREATER
            case SocketsHttpHandler sockets:
                sockets.SslOptions.ClientCertificates ??= new X509CertificateCollection();
                sockets.SslOptions.ClientCertificates.Add(certificate);
                break;
#endif
            case System.Net.Http.HttpClientHandler classic:
                classic.ClientCertificateOptions = System.Net.Http.ClientCertificateOption.Manual;
                classic.ClientCertificates.Add(certificate);
                break;
            default:
                certificate.Dispose();
                throw new InvalidOperationException(
                    $"The primary handler of the HTTP client {ClientName(name)} is a {builder.PrimaryHandler.GetType().Name}, to which the merchant certificate cannot be added: " +
                    "make it a SocketsHttpHandler or an HttpClientHandler, or set WeChatPayOptions.CertificateHttpMessageHandler.");
        }
    }
}
