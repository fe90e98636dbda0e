using NUnit.Framework;

namespace WeChatPay.Chain.IntegrationTests;

using WeChatPay.Chain.IntegrationTests.Support;

/// <summary>At the end of the run (every fixture of this namespace), removes the packages the run packed, if it packed any.</summary>
[SetUpFixture]
public sealed class PackedPackagesCleanup
{
    [OneTimeTearDown]
    public void RemovePackages() => PackedPackages.Remove();
}
