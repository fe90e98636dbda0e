using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.Support;

/// <summary>
/// An in-process transport that answers at once: it reads the request body (as a transport would) and returns the
/// pre-signed answer for the method (GET or anything else). No socket, no thread hop.
/// </summary>
internal sealed class InstantHandler : HttpMessageHandler
{
    private readonly SignedAnswer _post;
    private readonly SignedAnswer _get;

    public InstantHandler(SignedAnswer post, SignedAnswer get)
    {
        _post = post;
        _get = get;
    }

    /// <summary>The handler of the RSA merchant: both answers signed with the platform RSA test key.</summary>
    public static InstantHandler Rsa()
    {
        using var platformKey = BenchKeys.Load("platform_key.pem");
        return new InstantHandler(SignedAnswer.Create(Payloads.PostAnswer, platformKey), SignedAnswer.Create(Payloads.GetAnswer, platformKey));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
            request.Content.CopyTo(Stream.Null, null, cancellationToken);
        var answer = request.Method == HttpMethod.Get ? _get : _post;
        return Task.FromResult(answer.ToResponse(request));
    }
}
