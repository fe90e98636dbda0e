using System;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class ApiV2KeyTests
{
    [TestCase("Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1Gs")]
    [TestCase("192006250b4c09247ec02edce69f6a2d")]
    [TestCase("!\"#$%&'()*+,-./0123456789:;<=>?@")]
    public void Thirty_two_printable_ASCII_characters_are_an_APIv2_key(string key)
    {
        Assert.DoesNotThrow(() => ApiV2Key.Check(key, "ApiV2Key"));
        Assert.That(ApiV2Key.IsValid(key), Is.True);
    }

    [TestCase("Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1G", "is 31 characters long")]
    [TestCase("Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1Gs0", "is 33 characters long")]
    [TestCase("", "is 0 characters long")]
    [TestCase("Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1Gs\n", "white space at its end")]
    [TestCase(" Ap2vKey7Tq9mXw3Rb5Nz8Hc4Jd6Lf1G", "white space at its start")]
    [TestCase("Ap2vKey7Tq9mXw3R 5Nz8Hc4Jd6Lf1Gs", "white space at index 16")]
    [TestCase("Ap2vKey7Tq9mXw3R\u00015Nz8Hc4Jd6Lf1Gs", "a control character at index 16")]
    [TestCase("Ap2vKey7Tq9mXw3R密5Nz8Hc4Jd6Lf1Gs", "a non-ASCII character at index 16")]
    public void Anything_else_is_an_ArgumentException_that_says_what_is_wrong_and_never_shows_the_key(string key, string expected)
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => ApiV2Key.Check(key, "ApiV2Key"));

        Assert.That(ex!.ParamName, Is.EqualTo("ApiV2Key"));
        Assert.That(ex.Message, Does.Contain(expected).And.Contain("32 ASCII characters"));
        if (key.Length > 0) Assert.That(ex.ToString(), Does.Not.Contain(key.Trim().Substring(0, 8)));
        Assert.That(ApiV2Key.IsValid(key), Is.False);
    }

    [Test]
    public void No_key_is_an_ArgumentNullException_naming_the_option()
    {
        ArgumentNullException? ex = Assert.Throws<ArgumentNullException>(() => ApiV2Key.Check(null, "ApiV2Key"));

        Assert.That(ex!.ParamName, Is.EqualTo("ApiV2Key"));
    }
}
