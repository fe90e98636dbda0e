using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Crypto;

/// <summary>
/// One key, many threads: the platform RSA object (net8.0+) and the BouncyCastle key numbers are shared by all
/// callers, so concurrent use must give the same answers as sequential use.
/// </summary>
[TestFixtureSource(typeof(OnEachBackend), nameof(OnEachBackend.Backends))]
[NonParallelizable]
public sealed class ThreadSafetyTests : OnEachBackend
{
    private const int Tasks = 32;
    private const int Rounds = 8;

    public ThreadSafetyTests(Backend backend)
        : base(backend)
    {
    }

    [Test]
    public async Task Thirty_two_parallel_tasks_signing_and_verifying_with_one_key_all_get_correct_results()
    {
        RsaPrivateKey merchant = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.MerchantKeyPkcs8), null, "MerchantPrivateKey");
        RsaPublicKey platform = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformCertificate), "PlatformCertificate");
        (byte[] Message, string Signature)[] signing = CryptoTestData.Cases("signing.json")
            .Select(c => (Encoding.UTF8.GetBytes(c.String("message")), c.String("signature"))).ToArray();
        (byte[] Message, string? Signature, bool Valid)[] verifying = CryptoTestData.Cases("verifying.json")
            .Where(c => c.StringOrNull("message") is not null && c.String("serial") == CryptoTestData.PlatformCertificateSerial
                && c.String("name").IndexOf("timestamp", StringComparison.Ordinal) < 0 && !c.String("name").StartsWith("boundary", StringComparison.Ordinal))
            .Select(c => (Encoding.UTF8.GetBytes(c.String("message")), c.StringOrNull("signature"), c.GetProperty("valid").GetBoolean()))
            .ToArray();
        using var start = new Barrier(Tasks);

        int[] failures = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                int wrong = 0;
                for (int round = 0; round < Rounds; round++)
                {
                    var (message, signature) = signing[(t + round) % signing.Length];
                    wrong += merchant.Sign(message) == signature ? 0 : 1;
                    wrong += merchant.PublicKey.Verify(message, signature) ? 0 : 1;
                    var (response, responseSignature, valid) = verifying[(t * 3 + round) % verifying.Length];
                    wrong += platform.Verify(response, responseSignature) == valid ? 0 : 1;
                }
                return wrong;
            },
            TaskCreationOptions.LongRunning)));

        Assert.Multiple(() =>
        {
            Assert.That(verifying, Has.Length.GreaterThan(5));
            Assert.That(failures.Sum(), Is.Zero);
        });
    }

    [Test]
    public async Task Thirty_two_parallel_tasks_encrypting_and_decrypting_with_one_key_pair_all_round_trip()
    {
        RsaPrivateKey platformKey = RsaPrivateKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformKey), null, "PlatformPrivateKey");
        RsaPublicKey platformPub = RsaPublicKey.Load(CryptoTestData.PathOf(CryptoTestData.PlatformPublicKey), "PlatformPublicKey");
        JsonElement oaep = CryptoTestData.Json("oaep.json");
        (string Ciphertext, string Plaintext)[] vectors = oaep.GetProperty("platform").EnumerateArray()
            .Select(c => (c.String("ciphertext"), c.String("plaintext"))).ToArray();
        using var start = new Barrier(Tasks);

        int[] failures = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                int wrong = 0;
                for (int round = 0; round < Rounds; round++)
                {
                    var (ciphertext, plaintext) = vectors[(t + round) % vectors.Length];
                    wrong += platformKey.Decrypt(ciphertext) == plaintext ? 0 : 1;
                    string mine = $"task {t} round {round} 张三🙂";
                    wrong += platformKey.Decrypt(platformPub.Encrypt(mine)) == mine ? 0 : 1;
                    string sealedText = AesGcm256.Encrypt("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e", "0123456789ab", "transaction", mine);
                    wrong += AesGcm256.Decrypt("Tq9vXk3mRb7nWp2sYh6dLz4cFj8gKa5e", "0123456789ab", "transaction", sealedText) == mine ? 0 : 1;
                }
                return wrong;
            },
            TaskCreationOptions.LongRunning)));

        Assert.That(failures.Sum(), Is.Zero);
    }

    [Test]
    public async Task Thirty_two_parallel_tasks_creating_nonces_get_distinct_well_formed_nonces()
    {
        using var start = new Barrier(Tasks);

        string[][] batches = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return Enumerable.Range(0, 200).Select(_ => Nonce.Create()).ToArray();
            },
            TaskCreationOptions.LongRunning)));
        string[] all = batches.SelectMany(b => b).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(all.Distinct().Count(), Is.EqualTo(Tasks * 200));
            Assert.That(all, Has.All.Match("^[0-9A-Za-z]{32}$"));
        });
    }
}
