using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The RSA key of APIv2's pay-to-bank fields (the catalog's <c>rsa-paybank</c> marks: <c>enc_bank_no</c>, <c>enc_true_name</c>):
/// its public half is what <c>risk/getpublickey</c> answers (PKCS#1 PEM, as WeChat Pay gives it), and the fields are
/// RSA-OAEP (SHA-1, MGF1-SHA-1) ciphertexts in base64 that the sandbox decrypts with its own .NET code. Made on first use.
/// </summary>
internal sealed class SandboxPayBankKey
{
    /// <summary>The catalog's mark of a field encrypted with this key.</summary>
    public const string Marker = "rsa-paybank";

    private readonly Lazy<RSA> _key = new(() => RSA.Create(2048), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The public key as WeChat Pay's <c>pub_key</c> gives it: PKCS#1 PEM (<c>-----BEGIN RSA PUBLIC KEY-----</c>).</summary>
    public string PublicPem => _key.Value.ExportRSAPublicKeyPem();

    /// <summary>The documented request fields of <paramref name="operation"/> encrypted with this key.</summary>
    public static IEnumerable<string> Fields(CatalogOperation operation)
    {
        foreach (var field in SandboxV2Rules.Fields(operation))
            if (field.Encrypted == Marker) yield return field.Name;
    }

    /// <summary>Whether <paramref name="value"/> is base64 of an RSA-OAEP ciphertext under this key of non-empty UTF-8 text.</summary>
    public bool Decrypts(string value)
    {
        try
        {
            var plain = _key.Value.Decrypt(Convert.FromBase64String(value), RSAEncryptionPadding.OaepSHA1);
            return plain.Length > 0 && new UTF8Encoding(false, true).GetString(plain).Length > 0;
        }
        catch (Exception e) when (e is FormatException || e is CryptographicException || e is ArgumentException)
        {
            return false;
        }
    }
}
