using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace WeChatPay.Chain.Sandbox;

/// <summary>A host lifetime that installs no console or signal handlers: the sandbox lives as long as its owner says.</summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
