using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeChatPay.Chain;
using WeChatPay.Chain.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WeChat Pay clients in a service collection (docs/hosting.md).</summary>
public static class WeChatPayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="WeChatPayClient"/> of one merchant, its <see cref="WeChatPayOptions"/> bound from
    /// <paramref name="configuration"/> (<c>configuration.GetSection("WeChatPay")</c>: <c>MerchantId</c>,
    /// <c>MerchantSerialNumber</c>, <c>MerchantPrivateKey</c>, <c>PlatformKeys:&lt;id&gt;</c>, …, keys as file paths or PEM
    /// text) and checked when the host starts, with the errors construction gives.
    /// </summary>
    /// <returns>The builder of the client's HTTP client: add the host's handlers, a proxy, a primary handler there.</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, IConfiguration configuration) =>
        services.AddWeChatPay(Options.Options.DefaultName, configuration);

    /// <summary>Registers the client of one merchant, its options set by <paramref name="configure"/>, checked when the host starts.</summary>
    /// <returns>The builder of the client's HTTP client.</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, Action<WeChatPayOptions> configure) =>
        services.AddWeChatPay(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named merchant's client, for several merchants in one process: resolve it with
    /// <c>[FromKeyedServices("name")] WeChatPayClient</c> or <see cref="IWeChatPayClientFactory.Get"/>.
    /// </summary>
    /// <returns>The builder of this merchant's HTTP client.</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, string name, IConfiguration configuration)
    {
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        return services.AddWeChatPay(name, builder => builder.Bind(configuration));
    }

    /// <summary>Registers a named merchant's client, its options set by <paramref name="configure"/>.</summary>
    /// <returns>The builder of this merchant's HTTP client.</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, string name, Action<WeChatPayOptions> configure)
    {
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        return services.AddWeChatPay(name, builder => builder.Configure(configure));
    }

    private static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, string name, Action<OptionsBuilder<WeChatPayOptions>> options)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (name is null) throw new ArgumentNullException(nameof(name));
        var builder = services.AddOptions<WeChatPayOptions>(name);
        options(builder);
        builder.ValidateOnStart();
        services.AddSingleton(new WeChatPayRegistration(name));
        services.TryAddSingleton<WeChatPayRegistrations>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatPayOptions>, WeChatPayOptionsValidation>());
        services.TryAddSingleton<IWeChatPayClientFactory, WeChatPayClientFactory>();
        if (name == Options.Options.DefaultName) services.TryAddSingleton(provider => provider.GetRequiredService<IWeChatPayClientFactory>().Get(name));
        else services.AddKeyedSingleton(name, (provider, _) => provider.GetRequiredService<IWeChatPayClientFactory>().Get(name));
        MerchantCertificateHandlers.Register(services, name);
        return services.AddHttpClient(WeChatPayClientFactory.HttpClientName(name));
    }
}
