using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>One SM2 key, many threads: every call builds its own signer or engine, so concurrent use gives the sequential answers.</summary>
public sealed class Sm2ThreadSafetyTests
{
    private const int Tasks = 16;
    private const int Rounds = 4;

    [Test]
    public async Task Sixteen_parallel_tasks_signing_verifying_encrypting_and_decrypting_with_one_key_pair_all_get_correct_results()
    {
        var merchant = Sm2PrivateKey.Load(CryptoTestData.PathOf(SmTestData.MerchantKey), null, "MerchantPrivateKey");
        var platformPublic = Sm2PublicKey.Load(CryptoTestData.PathOf(SmTestData.PlatformCertificate), "PlatformCertificate");
        var platformPrivate = Sm2PrivateKey.Load(CryptoTestData.PathOf(SmTestData.PlatformKey), null, "PlatformPrivateKey");
        var answers = SmTestData.Cases("verifying").Concat(SmTestData.Cases("verifying_invalid"))
            .Select(c => (Message: Encoding.UTF8.GetBytes(c.String("message")), Signature: c.GetProperty("headers").String("Wechatpay-Signature"),
                Valid: c.GetProperty("valid").GetBoolean()))
            .ToArray();

        bool[] results = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(() =>
        {
            bool ok = true;
            for (int round = 0; round < Rounds; round++)
            {
                byte[] message = Encoding.UTF8.GetBytes($"message {task}/{round}");
                ok &= merchant.PublicKey.Verify(message, merchant.Sign(message));
                ok &= answers.All(a => platformPublic.Verify(a.Message, a.Signature) == a.Valid);
                string text = $"张三 {task}/{round}";
                ok &= platformPrivate.Decrypt(platformPublic.Encrypt(text)) == text;
            }
            return ok;
        })));

        Assert.That(results, Is.All.True);
    }
}
