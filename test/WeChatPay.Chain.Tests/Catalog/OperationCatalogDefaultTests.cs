using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Tests.Catalog;

[TestFixture]
public class OperationCatalogDefaultTests
{
    private static OperationCatalog Catalog => OperationCatalog.Default;

    [Test]
    public void Default_is_one_instance_however_many_threads_ask()
    {
        var instances = new OperationCatalog[16];

        Parallel.For(0, instances.Length, i => instances[i] = OperationCatalog.Default);
        var first = OperationCatalog.Default;
        var second = OperationCatalog.Default;

        Assert.That(second, Is.SameAs(first));
        Assert.That(instances, Is.All.SameAs(first));
    }

    [Test]
    public void The_source_of_the_facts_is_recorded()
    {
        Assert.That(Catalog.SourceRepository, Is.EqualTo("github.com/wechatpay-im/website"));
        Assert.That(Catalog.SourceCommit, Has.Length.EqualTo(40));
    }
}
