using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.V2;

/// <summary>APIv2's nonce_str is the nonce v3 requests carry (Crypto/Nonce): the same alphabet and length, from a CSPRNG
/// (its distribution is tested in Crypto/NonceTests).</summary>
public sealed class ApiV2NonceTests
{
    [Test]
    public void A_v2_nonce_str_is_32_characters_of_digits_and_ASCII_letters()
    {
        for (int i = 0; i < 1000; i++)
        {
            Assert.That(Nonce.Create(), Does.Match("^[0-9A-Za-z]{32}$"));
        }
        Assert.That(Nonce.Length, Is.EqualTo(32));
        Assert.That(Nonce.Alphabet, Is.EqualTo("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));
    }
}
