using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Benchmarks.InBox;

/// <summary>An in-process transport that reads the request body and returns the answer the harness signed (a JSON file of body and headers).</summary>
internal sealed class CannedAnswer : HttpMessageHandler
{
    private readonly string _body;
    private readonly string[][] _headers;

    private CannedAnswer(string body, string[][] headers)
    {
        _body = body;
        _headers = headers;
    }

    public static CannedAnswer Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = document.RootElement;
        var headers = new System.Collections.Generic.List<string[]>();
        foreach (var header in root.GetProperty("headers").EnumerateObject()) headers.Add(new[] { header.Name, header.Value.GetString()! });
        return new CannedAnswer(root.GetProperty("body").GetString()!, headers.ToArray());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null) await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(_body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var header in _headers) response.Headers.TryAddWithoutValidation(header[0], header[1]);
        return response;
    }
}
