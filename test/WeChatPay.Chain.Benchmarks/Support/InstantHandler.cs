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

    /// <summary>The handler of the 国密 merchant: both answers signed SM2-with-SM3 with the platform SM2 test key.</summary>
    public static InstantHandler Sm2()
    {
        var platformKey = Crypto.Sm2PrivateKey.Load(BenchKeys.Path("sm2_platform_key.pem"), null, "sm2_platform_key.pem");
        return new InstantHandler(SignedAnswer.Create(Payloads.PostAnswer, platformKey.Sign), SignedAnswer.Create(Payloads.GetAnswer, platformKey.Sign));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
            request.Content.CopyTo(Stream.Null, null, cancellationToken);
        var answer = request.Method == HttpMethod.Get ? _get : _post;
        return Task.FromResult(answer.ToResponse(request));
    }
}
