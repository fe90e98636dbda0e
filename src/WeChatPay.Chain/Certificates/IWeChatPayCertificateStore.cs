using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain;

/// <summary>
/// Where a client keeps the last verified <c>GET v3/certificates</c> answer, so that clients sharing the store (the
/// servers of a fleet) download once and read what one of them saved. The client checks every entry it reads as if it
/// had just downloaded it, so a store needs no trust; a store that fails or is slow makes the client download itself.
/// </summary>
public interface IWeChatPayCertificateStore
{
    /// <summary>The last answer saved for the merchant, or null when none is.</summary>
    Task<WeChatPayCertificateDownload?> GetAsync(string merchantId, CancellationToken cancellationToken);

    /// <summary>Replaces the merchant's saved answer with a newer one.</summary>
    Task ReplaceAsync(string merchantId, WeChatPayCertificateDownload download, CancellationToken cancellationToken);
}
