using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using WeChatPay.Chain.Shared;
using WeChatPay.Chain.Benchmarks.Support;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Http;
using WeChatPay.Chain.Certificates;

namespace WeChatPay.Chain.Benchmarks;

/// <summary>
/// The pieces of one call, alone: the raw RSA work (so that "overhead beyond the RSA work" = call − sign − verify),
/// the library's signer and verifier around it, chain building, catalog lookup, serialization and the nonce.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class PieceBenchmarks
{
    private static readonly JsonSerializerSettings BaselineJson = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };

    private RSA _merchantKey = null!;
    private RSA _platformPublicKey = null!;
    private byte[] _signedMessage = null!;
    private byte[] _answerMessage = null!;
    private byte[] _answerSignature = null!;
    private SignedAnswer _answer = null!;
    private WeChatPayClient _client = null!;
    private dynamic _wxpay = null!;
    private RequestSigner _signer = null!;
    private ResponseVerifier _verifier = null!;
    private WeChatPay.Chain.Certificates.PlatformKeyStore _keys = null!;
    private string _postJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        _merchantKey = BenchKeys.Load("merchant_key.pem");
        _platformPublicKey = BenchKeys.Load("platform_pub.pem");
        using (var platformKey = BenchKeys.Load("platform_key.pem"))
            _answer = SignedAnswer.Create(Payloads.PostAnswer, platformKey);

        _postJson = JsonConvert.SerializeObject(Payloads.PostBody, BaselineJson);
        var timestamp = BenchKeys.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _signedMessage = Encoding.UTF8.GetBytes("POST\n/" + Payloads.PostPath + "\n" + timestamp + "\n" + Nonce.Create() + "\n" + _postJson + "\n");
        _answerMessage = ResponseVerifier.Message(_answer.Timestamp, SignedAnswer.Nonce, _answer.Body);
        _answerSignature = Convert.FromBase64String(_answer.Signature);

        _client = new WeChatPayClient(BenchKeys.Options());
        _wxpay = _client;
        _signer = _client.Setup.Signer;
        _verifier = _client.Setup.Verifier;
        _keys = _client.Setup.PlatformKeys.Current;

        if (!Rsa_Verify() || !Library_Verify())
            throw new InvalidOperationException("The pre-signed answer does not verify.");
        if (Catalog_Find_Post() is null || Catalog_Find_Get() is null)
            throw new InvalidOperationException("The catalog does not know the benchmarked operations.");
        if (Serialize_Library() != _postJson)
            throw new InvalidOperationException("The library and the baseline serialize the body differently.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _merchantKey.Dispose();
        _platformPublicKey.Dispose();
    }

    /// <summary>The RSA work of signing one request: SHA256withRSA over the POST's message, base64.</summary>
    [Benchmark, BenchmarkCategory("RSA")]
    public string Rsa_Sign() => Convert.ToBase64String(_merchantKey.SignData(_signedMessage, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>The RSA work of verifying one answer: base64-decode and check the signature over the answer's message.</summary>
    [Benchmark, BenchmarkCategory("RSA")]
    public bool Rsa_Verify() => _platformPublicKey.VerifyData(_answerMessage, Convert.FromBase64String(_answer.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The library's signer: timestamp, nonce, message, RSA, header text.</summary>
    [Benchmark, BenchmarkCategory("Library crypto")]
    public string Library_Sign() => _signer.Authorize("POST", "/" + Payloads.PostPath, _postJson);

    /// <summary>The library's verifier: headers, freshness, key by serial, message, RSA.</summary>
    [Benchmark, BenchmarkCategory("Library crypto")]
    public bool Library_Verify() =>
        _verifier.TryVerify(_keys, _answer.Timestamp, SignedAnswer.Nonce, _answer.Signature, _answer.Serial, _answer.Body, out _, out _);

    [Benchmark, BenchmarkCategory("Chain")]
    public object Chain_Dynamic() => _wxpay.V3.Papay.Sign.Contracts.PreEntrustSign;

    [Benchmark, BenchmarkCategory("Chain")]
    public WeChatPayNode Chain_Indexer() => _client[Payloads.PostPath];

    [Benchmark, BenchmarkCategory("Chain")]
    public WeChatPayNode Chain_Method() => _client.Chain(Payloads.PostPath);

    [Benchmark, BenchmarkCategory("Catalog")]
    public object? Catalog_Find_Post() => OperationCatalog.Default.Find("POST", Payloads.PostPath);

    [Benchmark, BenchmarkCategory("Catalog")]
    public object? Catalog_Find_Get() => OperationCatalog.Default.Find("GET", Payloads.GetPath);

    [Benchmark, BenchmarkCategory("Serialization")]
    public string Serialize_Library() => WeChatPayJson.Serialize(Payloads.PostBody);

    [Benchmark, BenchmarkCategory("Serialization")]
    public string Serialize_Newtonsoft() => JsonConvert.SerializeObject(Payloads.PostBody, BaselineJson);

    /// <summary>A query appended the Flurl way: Flurl parses the URL into parts, appends, and rebuilds the text from the parts.</summary>
    [Benchmark, BenchmarkCategory("URL")]
    public string Url_AppendQuery()
    {
        var url = new Flurl.Url(WeChatPayOptions.DefaultBaseUrl + Payloads.GetPath);
        url.AppendQueryParam("mchid", BenchKeys.MerchantId);
        return url.ToString();
    }

    /// <summary>A URL given as finished text: Flurl keeps it unparsed.</summary>
    [Benchmark, BenchmarkCategory("URL")]
    public string Url_Text() => new Flurl.Url(WeChatPayOptions.DefaultBaseUrl + Payloads.GetPath + "?mchid=" + BenchKeys.MerchantId).ToString();

    [Benchmark, BenchmarkCategory("Nonce")]
    public string Nonce_Library() => Nonce.Create();
}
