using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WeChatPay.Chain.Sandbox;

/// <summary>Reads the <c>meta</c> part of a v3 upload (<c>multipart/form-data</c>): the JSON text WeChat Pay's uploads sign instead of the body.</summary>
internal static class MultipartMeta
{
    /// <summary>The first part that is not <c>meta</c> (the file): its name and bytes, or null when there is none.</summary>
    public static async Task<(string Name, byte[] Bytes)?> FileAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name == "meta") continue;
                using var bytes = new MemoryStream();
                await section.Body.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
                return (name, bytes.ToArray());
            }
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The <c>meta</c> text, or null when the body is not multipart or has no <c>meta</c> part.</summary>
    public static async Task<string?> ReadAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;

        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (!string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "meta", StringComparison.Ordinal)) continue;
                using var text = new StreamReader(section.Body, new UTF8Encoding(false));
                return await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException)
        {
            return null;
        }
        return null;
    }
}
