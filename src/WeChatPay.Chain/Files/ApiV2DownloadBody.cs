using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace WeChatPay.Chain.Files;

/// <summary>
/// The 2xx body of one APIv2 download attempt, told apart by its first bytes before anything is written: XML (<c>&lt;</c>
/// after optional white space and a UTF-8 byte order mark) is the error WeChat Pay reports with HTTP 200, kept in memory up
/// to <see cref="WeChatPayOptions.MaxResponseBodySize"/> to be judged and never handed on; anything else — a bill's text
/// (<c>交易时间,…</c>, <c>记账时间,…</c>) or a gzip file (<c>1F 8B</c>) — is handed to the file sink as it arrives.
/// An empty body is neither.
/// </summary>
internal sealed class ApiV2DownloadBody
{
    // Enough to see past any white space WeChat Pay puts before an XML answer; a bill's first byte is never white space.
    private const int PeekSize = 8192;

    private readonly Func<Stream, CancellationToken, Task> _sink;
    private readonly int _maxXml;

    /// <param name="sink">Takes the bill, as it arrives.</param>
    /// <param name="maxXml">The most bytes of XML read (WeChatPayOptions.MaxResponseBodySize).</param>
    public ApiV2DownloadBody(Func<Stream, CancellationToken, Task> sink, int maxXml)
    {
        _sink = sink;
        _maxXml = maxXml;
    }

    /// <summary>The XML answer (its byte order mark left out), when the body was XML; only a prefix when <see cref="XmlOverCap"/>.</summary>
    public byte[]? Xml { get; private set; }

    /// <summary>The XML answer was larger than the cap and was not read whole.</summary>
    public bool XmlOverCap { get; private set; }

    /// <summary>The body was empty: no byte at all.</summary>
    public bool Empty { get; private set; }

    /// <summary>Whether the body was the bill, handed to the sink.</summary>
    public bool IsBill => Xml is null && !Empty;

    /// <summary>Reads the first bytes, then hands the body on or keeps the XML.</summary>
    public async Task ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var head = new byte[PeekSize];
        var length = 0;
        int start;
        while ((start = Significant(head, length)) == length && length < head.Length)
        {
            var read = await body.ReadAsync(head, length, head.Length - length, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        if (length == 0)
        {
            Empty = true;
            return;
        }
        if (start < length && head[start] == (byte)'<')
        {
            await KeepXmlAsync(head, length, body, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _sink(new PrefixedStream(head, length, body), cancellationToken).ConfigureAwait(false);
    }

    // The index of the first byte that is neither white space nor part of a leading UTF-8 byte order mark; length when none.
    private static int Significant(byte[] head, int length)
    {
        var i = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        if (length > 0 && length < 3 && head[0] == 0xEF) return length; // a byte order mark, perhaps: read on
        while (i < length && (head[i] == (byte)' ' || head[i] == (byte)'\t' || head[i] == (byte)'\r' || head[i] == (byte)'\n')) i++;
        return i;
    }

    // At most cap + 1 bytes are read: past the cap, only a prefix is kept for the error.
    private async Task KeepXmlAsync(byte[] head, int length, Stream body, CancellationToken cancellationToken)
    {
        var bom = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        using var xml = new MemoryStream();
        xml.Write(head, bom, (int)Math.Min(length - bom, (long)_maxXml + 1));
        var chunk = new byte[PeekSize];
        int read;
        while (xml.Length <= _maxXml && (read = await body.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            xml.Write(chunk, 0, (int)Math.Min(read, (long)_maxXml + 1 - xml.Length));
        XmlOverCap = xml.Length > _maxXml;
        var kept = xml.ToArray();
        if (XmlOverCap) Array.Resize(ref kept, Math.Min(_maxXml, WeChatPayException.MaxResponseBodyLength));
        Xml = kept;
    }
}
