using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain.Http;

/// <summary>What came back, read once and bounded: status, headers and body bytes; the HTTP response is already released.</summary>
internal sealed class Answer
{
    private string? _text;

    public Answer(int statusCode, IReadOnlyDictionary<string, string> headers, byte[] body, bool overCap)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        OverCap = overCap;
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body bytes as received; only a prefix when <see cref="OverCap"/>.</summary>
    public byte[] Body { get; }

    /// <summary>The body was larger than <see cref="WeChatPayOptions.MaxResponseBodySize"/> and was not read whole.</summary>
    public bool OverCap { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Body);

    public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;
}
