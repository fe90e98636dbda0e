using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain;
using WeChatPay.Chain.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the reconciler that queries payments and refunds whose notification has not come (docs/reconciler.md).</summary>
public static class WeChatPayReconcilerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WeChatPayReconciler"/> for the <see cref="WeChatPayClient"/> of the services (<c>AddWeChatPay</c>)
    /// as a hosted service and as a singleton to tell what to expect (<see cref="WeChatPayReconciler.ExpectPaymentAsync"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="handler">The application's notification handler: what the reconciler settles goes to it as a notification marked <see cref="WeChatPayNotification.FromQuery"/>.</param>
    /// <param name="configure">Sets the options: the intervals, and the shared <see cref="WeChatPayReconcilerOptions.Store"/> of a fleet.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="handler"/> is null.</exception>
    public static IServiceCollection AddWeChatPayReconciler(this IServiceCollection services, Func<WeChatPayNotification, CancellationToken, Task> handler,
        Action<WeChatPayReconcilerOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        services.TryAddSingleton(provider =>
        {
            var options = new WeChatPayReconcilerOptions();
            configure?.Invoke(options);
            return new WeChatPayReconciler(provider.GetRequiredService<WeChatPayClient>(), handler, options,
                provider.GetService<ILogger<WeChatPayReconciler>>());
        });
        services.AddHostedService(provider => provider.GetRequiredService<WeChatPayReconciler>());
        return services;
    }
}
