using System.IO;

namespace WeChatPay.Chain.Http;

/// <summary>The file part of an upload, as the transport sends it: its part name, file name, content type and content.</summary>
internal sealed class UploadPart
{
    public UploadPart(string name, string fileName, string contentType, Stream content)
    {
        Name = name;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>The form part's name (the operation's documented file part, e.g. <c>file</c>).</summary>
    public string Name { get; }

    /// <summary>The file name sent with it.</summary>
    public string FileName { get; }

    /// <summary>The content type sent with it.</summary>
    public string ContentType { get; }

    /// <summary>The content, streamed.</summary>
    public Stream Content { get; }
}
