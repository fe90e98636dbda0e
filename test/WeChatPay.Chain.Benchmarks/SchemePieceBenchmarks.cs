using System;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Support;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// The cryptography of one call by scheme, through the library's own keys and scheme seam (what the client runs):
/// RSA (SHA256withRSA, RSA-OAEP, AEAD_AES_256_GCM) as each category's baseline, 国密 (SM2-with-SM3, SM2, AEAD_SM4_GCM)
/// beside it. Sign: the POST's request message with the merchant key. Verify: the answer's message with the platform
/// key. Encrypt: one sensitive field (a name) to the platform key. AEAD decrypt: a callback resource (a paid
/// transaction, 453 bytes of JSON) with the APIv3 key. Throw-away test keys only.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class SchemePieceBenchmarks
{
    private const string ApiV3Key = "bench0apiv3key0throwaway00000000"; // 32 characters, a throw-away key
    private const string AeadNonce = "fZ3xAeadNonc";
    private const string AeadAssociatedData = "transaction";
    private const string Field = "张小明";

    private SigningKey _rsaMerchant = null!;
    private SigningKey _smMerchant = null!;
    private VerifyingKey _rsaPlatform = null!;
    private VerifyingKey _smPlatform = null!;
    private byte[] _requestMessage = null!;
    private byte[] _answerMessage = null!;
    private string _rsaAnswerSignature = null!;
    private string _smAnswerSignature = null!;
    private string _aesResource = null!;
    private string _sm4Resource = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsaMerchant = Keys.LoadSigningKey(BenchKeys.MerchantKeyPath, null, "merchant_key.pem");
        _smMerchant = Keys.LoadSigningKey(BenchKeys.Path("sm2_merchant_key.pem"), null, "sm2_merchant_key.pem");
        _rsaPlatform = Keys.LoadVerifyingKey(BenchKeys.PlatformPublicKeyPath, "platform_pub.pem");
        _smPlatform = Keys.LoadVerifyingKey(BenchKeys.Path("sm2_platform_pub.pem"), "sm2_platform_pub.pem");
        if (_rsaMerchant.Scheme != Scheme.Rsa || _smMerchant.Scheme != Scheme.Sm || _rsaPlatform.Scheme != Scheme.Rsa || _smPlatform.Scheme != Scheme.Sm)
            throw new InvalidOperationException("The test keys are not of the schemes this benchmark compares.");

        var timestamp = BenchKeys.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _requestMessage = Encoding.UTF8.GetBytes("POST\n/" + Payloads.PostPath + "\n" + timestamp + "\n" + Nonce.Create() + "\n" +
            Shared.WeChatPayJson.Serialize(Payloads.PostBody) + "\n");
        _answerMessage = Encoding.UTF8.GetBytes(timestamp + "\n" + SignedAnswer.Nonce + "\n" + Payloads.PostAnswer + "\n");
        var platformRsa = Keys.LoadSigningKey(BenchKeys.Path("platform_key.pem"), null, "platform_key.pem");
        var platformSm = Keys.LoadSigningKey(BenchKeys.Path("sm2_platform_key.pem"), null, "sm2_platform_key.pem");
        _rsaAnswerSignature = platformRsa.Sign(_answerMessage);
        _smAnswerSignature = platformSm.Sign(_answerMessage);
        _aesResource = AesGcm256.Encrypt(ApiV3Key, AeadNonce, AeadAssociatedData, Payloads.GetAnswer);
        _sm4Resource = Sm4Gcm.Encrypt(ApiV3Key, AeadNonce, AeadAssociatedData, Payloads.GetAnswer);

        // Every benchmark must do the full, successful work.
        if (!_rsaMerchant.PublicKey.Verify(_requestMessage, Rsa_Sign()) || !_smMerchant.PublicKey.Verify(_requestMessage, Sm2_Sign()))
            throw new InvalidOperationException("A request signature does not verify.");
        if (!Rsa_Verify() || !Sm2_Verify())
            throw new InvalidOperationException("An answer signature does not verify.");
        if (platformRsa.Decrypt(RsaOaep_Encrypt()) != Field || platformSm.Decrypt(Sm2_Encrypt()) != Field)
            throw new InvalidOperationException("An encrypted field does not decrypt.");
        if (AesGcm_Decrypt() != Payloads.GetAnswer || Sm4Gcm_Decrypt() != Payloads.GetAnswer)
            throw new InvalidOperationException("A callback resource does not decrypt.");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Sign")]
    public string Rsa_Sign() => _rsaMerchant.Sign(_requestMessage);

    [Benchmark, BenchmarkCategory("Sign")]
    public string Sm2_Sign() => _smMerchant.Sign(_requestMessage);

    [Benchmark(Baseline = true), BenchmarkCategory("Verify")]
    public bool Rsa_Verify() => _rsaPlatform.Verify(_answerMessage, _rsaAnswerSignature);

    [Benchmark, BenchmarkCategory("Verify")]
    public bool Sm2_Verify() => _smPlatform.Verify(_answerMessage, _smAnswerSignature);

    [Benchmark(Baseline = true), BenchmarkCategory("Encrypt a field")]
    public string RsaOaep_Encrypt() => _rsaPlatform.Encrypt(Field);

    [Benchmark, BenchmarkCategory("Encrypt a field")]
    public string Sm2_Encrypt() => _smPlatform.Encrypt(Field);

    [Benchmark(Baseline = true), BenchmarkCategory("AEAD decrypt")]
    public string AesGcm_Decrypt() => Scheme.Rsa.Open(ApiV3Key, AeadNonce, AeadAssociatedData, _aesResource);

    [Benchmark, BenchmarkCategory("AEAD decrypt")]
    public string Sm4Gcm_Decrypt() => Scheme.Sm.Open(ApiV3Key, AeadNonce, AeadAssociatedData, _sm4Resource);
}
