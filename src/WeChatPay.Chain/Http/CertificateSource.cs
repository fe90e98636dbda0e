using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Paths;

namespace WeChatPay.Chain.Http;

/// <summary>
/// <c>GET v3/certificates</c> (with <c>algorithm_type</c> when the scheme asks for its own certificates) sent through the
/// exchange: signed, error answers thrown. The answer is checked by its own rule (<see cref="CertificateAnswer"/>), so it
/// takes neither the platform keys nor the standard answer check.
/// </summary>
internal sealed class CertificateSource : ICertificateSource
{
    private static readonly PathTemplate CertificatesPath = PathTemplate.Root.AppendPath("v3/certificates");

    private readonly Exchange _exchange;
    private readonly object? _query;
    private readonly TimeProvider _clock;

    public CertificateSource(Exchange exchange, Crypto.Scheme scheme, TimeProvider clock)
    {
        _exchange = exchange;
        _query = scheme.CertificateAlgorithmType is { } type ? new Dictionary<string, object?> { ["algorithm_type"] = type } : null;
        _clock = clock;
    }

    /// <inheritdoc />
    public async Task<WeChatPayCertificateDownload> DownloadAsync(CancellationToken cancellationToken)
    {
        var call = RequestBuilder.Build(HttpMethod.Get, CertificatesPath, _query, null, autoEncryption: false, validate: false);
        call.Seal(_exchange.BasePath);
        var answer = await _exchange.SendAsync(call, idempotent: true, sink: null, check: null, cancellationToken).ConfigureAwait(false);
        return new WeChatPayCertificateDownload(_clock.GetUtcNow(), answer.Headers, answer.Text);
    }
}
