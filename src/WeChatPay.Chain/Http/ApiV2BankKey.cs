using System;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http;

/// <summary>
/// The RSA public key of APIv2's pay-to-bank fields (<c>enc_bank_no</c>, <c>enc_true_name</c>: the catalog's
/// <c>rsa-paybank</c> marks), which <c>v2/risk/getpublickey</c> gives: fetched on first need, then kept for the client's
/// lifetime. Concurrent first uses share one fetch; a failed fetch is not kept, so the next use tries again.
/// </summary>
internal sealed class ApiV2BankKey
{
    /// <summary>The catalog's mark of a field encrypted with this key.</summary>
    public const string Marker = "rsa-paybank";

    /// <summary>The documented operation that gives the key.</summary>
    public const string Operation = "v2/risk/getpublickey";

    private readonly object _gate = new();
    private Task<VerifyingKey>? _key;

    /// <summary>The key, fetched by <paramref name="fetchPem"/> (the <c>pub_key</c> PEM of a verified answer) on first need.</summary>
    /// <exception cref="WeChatPayException">The fetch failed, or its <c>pub_key</c> is not an RSA public key.</exception>
    public async Task<VerifyingKey> GetAsync(Func<CancellationToken, Task<string?>> fetchPem, CancellationToken cancellationToken)
    {
        Task<VerifyingKey> key;
        lock (_gate) key = _key ??= LoadAsync(fetchPem, cancellationToken);
        try
        {
            return await key.ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                if (ReferenceEquals(_key, key)) _key = null;
            }
            throw;
        }
    }

    private static async Task<VerifyingKey> LoadAsync(Func<CancellationToken, Task<string?>> fetchPem, CancellationToken cancellationToken)
    {
        var pem = await fetchPem(cancellationToken).ConfigureAwait(false);
        VerifyingKey? key = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(pem)) key = Keys.LoadVerifyingKey(pem!, "pub_key");
        }
        catch (ArgumentException)
        {
            // reported below, without the answer's text
        }
        if (key is null || key.Scheme != Scheme.Rsa)
            throw new WeChatPayException($"POST {Operation} answered no usable pub_key (an RSA public key in PEM), so the pay-to-bank fields cannot be encrypted; nothing else was sent.",
                "POST", Operation);
        return key;
    }
}
