using System;
using NUnit.Framework;
using WeChatPay.Chain.Diagnostics;

namespace WeChatPay.Chain.Tests.Diagnostics;

/// <summary>The migration report's step still missing, in the order of docs/public-key-migration.md, and its percentages.</summary>
public class MigrationAdviceTests
{
    private const string PublicKey = "PUB_KEY_ID_0114232134912410000000000000";
    private const string Certificate = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    private static readonly WeChatPayKeyUse None = new(0, 0);

    [TestCase(1.0, "100%")]
    [TestCase(0.992, "99.2%")]
    [TestCase(1999 / 2000.0, "99.9%")]
    [TestCase(0.57, "57%")]
    [TestCase(0.0001, "0.1%")]
    [TestCase(0.0, "0%")]
    public void A_share_is_a_percentage_whole_when_it_rounds_whole_and_never_100_or_0_unless_it_is(double share, string expected)
    {
        Assert.That(WeChatPayKeyUse.Percent(share), Is.EqualTo(expected));
    }

    [Test]
    public void Without_a_public_key_configured_the_step_is_to_configure_one()
    {
        var step = MigrationAdvice.NextStep(new WeChatPayKeyUse(3, 0), None, None, 1, new[] { Certificate }, publicKeysOnly: false);

        Assert.That(step, Does.StartWith("configure the WeChat Pay public key"));
    }

    [Test]
    public void With_answers_still_signed_by_a_certificate_the_step_is_the_switch_at_WeChat_Pay()
    {
        var step = MigrationAdvice.NextStep(new WeChatPayKeyUse(2, 5), new WeChatPayKeyUse(1, 0), None, 0, new[] { PublicKey, Certificate }, publicKeysOnly: false);

        Assert.That(step, Does.StartWith("WeChat Pay still signed 2 answers and 1 callback with a platform certificate"));
    }

    [Test]
    public void With_a_certificate_serial_still_sent_the_step_names_the_public_key_to_send()
    {
        var step = MigrationAdvice.NextStep(new WeChatPayKeyUse(0, 5), None, new WeChatPayKeyUse(1, 0), 0, new[] { PublicKey, Certificate }, publicKeysOnly: false);

        Assert.That(step, Does.StartWith("the certificate serial is still sent in Wechatpay-Serial (1 request)").And.Contain(PublicKey));
    }

    [TestCase(true, 0, "certificates are still configured (" + Certificate + ")")]
    [TestCase(false, 2, "certificates are still downloaded (2 downloads)")]
    [TestCase(true, 1, "certificates are still configured (" + Certificate + ") and downloaded (1 download)")]
    public void With_certificates_still_configured_or_downloaded_the_step_is_to_remove_them_and_set_the_switch(bool configured, long downloads, string expected)
    {
        var ids = configured ? new[] { PublicKey, Certificate } : new[] { PublicKey };

        var step = MigrationAdvice.NextStep(new WeChatPayKeyUse(0, 5), None, None, downloads, ids, publicKeysOnly: false);

        Assert.That(step, Does.StartWith(expected).And.EndWith("set WeChatPayOptions.PublicKeysOnly, so that none is downloaded or sent again"));
    }

    [Test]
    public void With_the_public_key_alone_configured_and_used_nothing_is_left()
    {
        Assert.That(MigrationAdvice.NextStep(new WeChatPayKeyUse(0, 5), new WeChatPayKeyUse(0, 1), new WeChatPayKeyUse(0, 2), 0, new[] { PublicKey }, publicKeysOnly: true), Is.Null);
    }
}
