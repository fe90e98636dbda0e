using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Certificates;

/// <summary>Where a certificate refresh gets a new answer from: the one way <see cref="PlatformKeyRing"/> reaches the network.</summary>
internal interface ICertificateSource
{
    /// <summary>The signed answer of <c>GET v3/certificates</c>, as received; checked by the caller.</summary>
    /// <exception cref="WeChatPayException">WeChat Pay answered with an error, or the call failed.</exception>
    Task<WeChatPayCertificateDownload> DownloadAsync(CancellationToken cancellationToken);
}
