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

    /// <summary>Changes the fixture client's options (a fixture about single failures turns retries off).</summary>
    protected virtual void Configure(WeChatPayOptions options)
    {
    }

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        sandbox = await WeChatPaySandbox.StartAsync(Options);
        var options = sandbox.ClientOptions();
        Configure(options);
        client = new WeChatPayClient(options);
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
