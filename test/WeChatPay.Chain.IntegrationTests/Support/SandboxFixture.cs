using System.Threading.Tasks;
using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests.Support;

using WeChatPay.Chain.Sandbox;

/// <summary>A fixture with one sandbox and one client built from its configuration, started once and stopped at the end; no fault between tests.</summary>
public abstract class SandboxFixture
{
    protected WeChatPaySandbox sandbox = null!;
    protected WeChatPayClient client = null!;

    /// <summary>The sandbox's options; public-key mode unless a fixture says otherwise.</summary>
    protected virtual SandboxOptions? Options => null;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        sandbox = await WeChatPaySandbox.StartAsync(Options);
        client = new WeChatPayClient(sandbox.ClientOptions());
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        client.Dispose();
        await sandbox.DisposeAsync();
    }

    [SetUp]
    public void NoFaults() => sandbox.Faults.Clear();
}
