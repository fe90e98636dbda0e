using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WeChatPay.Chain.Sandbox;

/// <summary>Reads the parts of an upload (<c>multipart/form-data</c>): v3's <c>meta</c> JSON text, which its uploads sign instead of the body, the file, or (APIv2) every part.</summary>
internal static class MultipartMeta
{
    /// <summary>The <c>meta</c> text, or null when the body is not multipart or has no <c>meta</c> part.</summary>
    public static async Task<string?> ReadAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        foreach (var (name, bytes) in await PartsAsync(contentType, body, cancellationToken).ConfigureAwait(false))
            if (name == "meta")
            {
                using var text = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false));
                return await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        return null;
    }

    /// <summary>The first part that is not <c>meta</c> (the file): its name and bytes, or null when there is none.</summary>
    public static async Task<(string Name, byte[] Bytes)?> FileAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        foreach (var part in await PartsAsync(contentType, body, cancellationToken).ConfigureAwait(false))
            if (part.Name != "meta") return part;
        return null;
    }

    /// <summary>Every named part, in order; none when the body is not multipart/form-data or does not parse.</summary>
    public static async Task<List<(string Name, byte[] Bytes)>> PartsAsync(string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        var parts = new List<(string Name, byte[] Bytes)>();
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return parts;
        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return parts;
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                using var bytes = new MemoryStream();
                await section.Body.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
                parts.Add((HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, bytes.ToArray()));
            }
        }
        catch (Exception e) when (e is IOException || e is InvalidDataException)
        {
            parts.Clear();
        }
        return parts;
    }
}
