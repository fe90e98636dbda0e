using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Crypto;

namespace WeChatPay.Chain.Tests.V2;

public sealed class RefundReqInfoTests
{
    private static string Key => V2TestData.ApiV2Key;

    public static IEnumerable<TestCaseData> Valid() => V2TestData.Named("refund_req_info", "cases");

    public static IEnumerable<TestCaseData> Invalid() => V2TestData.Named("refund_req_info", "invalid");

    [TestCaseSource(nameof(Valid))]
    public void The_AES_key_is_the_lower_case_hex_MD5_of_the_APIv2_key(JsonElement c)
    {
        Assert.That(Encoding.ASCII.GetString(RefundReqInfo.DeriveKey(c.String("apiv2_key"))), Is.EqualTo(c.String("aes_key")));
    }

    [TestCaseSource(nameof(Valid))]
    public void Each_valid_req_info_of_its_notification_decrypts_to_its_plaintext(JsonElement c)
    {
        ApiV2Fields notification = ApiV2XmlReader.Read(c.String("notification_body"));

        Assert.That(notification.ContainsKey("sign"), Is.False);
        Assert.That(notification["req_info"], Is.EqualTo(c.String("req_info")));
        Assert.That(RefundReqInfo.Decrypt(c.String("apiv2_key"), notification["req_info"]), Is.EqualTo(c.String("plaintext")));
    }

    [TestCaseSource(nameof(Valid))]
    public void Each_decrypted_plaintext_reads_as_flat_fields_under_root(JsonElement c)
    {
        ApiV2Fields fields = ApiV2XmlReader.Read(RefundReqInfo.Decrypt(c.String("apiv2_key"), c.String("req_info")));

        Assert.That(fields.Root, Is.EqualTo("root"));
        Assert.That(fields["out_refund_no"], Does.StartWith("R2025112200000"));
    }

    [TestCaseSource(nameof(Valid))]
    public void Encrypting_each_plaintext_reproduces_its_req_info(JsonElement c)
    {
        Assert.That(RefundReqInfo.Encrypt(c.String("apiv2_key"), c.String("plaintext")), Is.EqualTo(c.String("req_info")));
    }

    [TestCaseSource(nameof(Invalid))]
    public void Each_invalid_req_info_is_a_CryptographicException_without_key_or_padding_detail(JsonElement c)
    {
        CryptographicException? ex = Assert.Throws<CryptographicException>(() => RefundReqInfo.Decrypt(c.String("apiv2_key"), c.String("req_info")));

        Assert.That(ex!.Message, Is.EqualTo(NotOpenedMessage()));
        Assert.That(ex.ToString(), Does.Not.Contain(c.String("apiv2_key")).And.Not.Contain(c.String("aes_key")).And.Not.Contain("<root>"));
    }

    /// <summary>Every way the last block can be wrong gets the same message as a plaintext that is not UTF-8.</summary>
    [TestCase(new byte[] { 0x00 })]
    [TestCase(new byte[] { 0x11 })]
    [TestCase(new byte[] { 0xFF })]
    [TestCase(new byte[] { 0x01, 0x02 })]
    [TestCase(new byte[] { 0x02, 0x03, 0x03 })]
    [TestCase(new byte[] { 0x03, 0x03, 0x02, 0x03 })]
    public void A_bad_padding_and_a_plaintext_that_is_not_UTF8_are_refused_alike(byte[] tail)
    {
        byte[] block = new byte[16];
        Array.Fill(block, (byte)'x');
        Array.Copy(tail, 0, block, 16 - tail.Length, tail.Length);

        CryptographicException? ex = Assert.Throws<CryptographicException>(() => RefundReqInfo.Decrypt(Key, EncryptRaw(block)));
        Assert.That(ex!.Message, Is.EqualTo(NotOpenedMessage()));

        byte[] notUtf8 = new byte[16];
        Array.Fill(notUtf8, (byte)0xFF);
        notUtf8[15] = 0x01;
        CryptographicException? utf8 = Assert.Throws<CryptographicException>(() => RefundReqInfo.Decrypt(Key, EncryptRaw(notUtf8)));
        Assert.That(utf8!.Message, Is.EqualTo(ex.Message));
    }

    [Test]
    public void A_full_block_of_padding_and_an_empty_plaintext_are_valid()
    {
        Assert.That(RefundReqInfo.Decrypt(Key, RefundReqInfo.Encrypt(Key, string.Empty)), Is.Empty);
        Assert.That(RefundReqInfo.Decrypt(Key, RefundReqInfo.Encrypt(Key, "0123456789abcdef")), Is.EqualTo("0123456789abcdef"));
        Assert.That(Convert.FromBase64String(RefundReqInfo.Encrypt(Key, "0123456789abcdef")), Has.Length.EqualTo(32));
    }

    [TestCase("not*base64!", "is not base64")]
    [TestCase("", "not a whole number of 16-byte AES blocks")]
    [TestCase("AAAAAAAAAAAAAAAAAAAA", "not a whole number of 16-byte AES blocks")]
    public void A_malformed_req_info_is_a_CryptographicException(string reqInfo, string expected)
    {
        CryptographicException? ex = Assert.Throws<CryptographicException>(() => RefundReqInfo.Decrypt(Key, reqInfo));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void A_key_that_is_not_an_APIv2_key_is_an_ArgumentException_without_the_key()
    {
        ArgumentException? ex = Assert.Throws<ArgumentException>(() => RefundReqInfo.Decrypt("short-key", "AAAAAAAAAAAAAAAAAAAAAA=="));

        Assert.That(ex!.ToString(), Does.Not.Contain("short-key"));
    }

    private static string NotOpenedMessage()
    {
        JsonElement c = V2TestData.Cases("refund_req_info", "invalid")[0];
        try
        {
            RefundReqInfo.Decrypt(c.String("apiv2_key"), c.String("req_info"));
        }
        catch (CryptographicException e)
        {
            Assert.That(e.Message, Does.StartWith("req_info decryption failed: the APIv2 key does not open it"));
            return e.Message;
        }
        throw new AssertionException("the wrong-key case decrypted");
    }

    private static string EncryptRaw(byte[] block)
    {
        using var aes = Aes.Create();
        aes.Key = RefundReqInfo.DeriveKey(Key);
        return Convert.ToBase64String(aes.EncryptEcb(block, PaddingMode.None));
    }
}
