using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

public sealed class Sm3Tests
{
    public static IEnumerable<TestCaseData> Digests()
    {
        foreach (JsonElement c in SmTestData.Cases("sm3"))
        {
            yield return new TestCaseData(c.String("input"), c.String("digest")).SetArgDisplayNames(c.String("name"));
        }
    }

    [TestCaseSource(nameof(Digests))]
    public void Each_vector_input_hashes_to_its_digest(string input, string digest)
    {
        Assert.That(Convert.ToHexString(Sm3.Hash(Encoding.UTF8.GetBytes(input))), Is.EqualTo(digest).IgnoreCase);
    }

    [Test]
    public void The_SM4_key_of_the_vectors_is_the_first_half_of_the_APIv3_key_digest()
    {
        JsonElement root = SmTestData.Root;

        byte[] key = Sm4Gcm.DeriveKey(root.String("apiv3_key"));

        Assert.That(Convert.ToHexString(key), Is.EqualTo(root.String("sm4_key")).IgnoreCase);
    }

    [Test]
    public void A_null_input_is_an_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Sm3.Hash(null!));
    }
}
