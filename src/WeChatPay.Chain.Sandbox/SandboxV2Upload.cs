using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// APIv2's upload (<c>secapi/mch/uploadmedia</c>): a <c>multipart/form-data</c> body whose text parts are the fields (signed
/// as any v2 fields) and whose <c>media</c> part is the image, of which <c>media_hash</c> is the MD5 (lower-case hex).
/// </summary>
internal static class SandboxV2Upload
{
    private const string MediaPart = "media";
    private const int MaxMedia = 2 * 1024 * 1024;

    /// <summary>The fields and the file of the form; false with what is wrong when a part is missing, repeated or not text.</summary>
    public static bool TryRead(List<(string Name, byte[] Bytes)> form, out Dictionary<string, string> fields, out byte[]? media, out string problem)
    {
        fields = new Dictionary<string, string>(StringComparer.Ordinal);
        media = null;
        problem = string.Empty;
        var strict = new UTF8Encoding(false, true);
        foreach (var (name, bytes) in form)
        {
            if (name == MediaPart)
            {
                if (media is not null) return Fail("media is sent twice", out problem);
                media = bytes;
                continue;
            }
            string value;
            try
            {
                value = strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return Fail(name + " is not UTF-8 text", out problem);
            }
            if (name.Length == 0 || !fields.TryAdd(name, value)) return Fail("a form part without a name, or sent twice: " + name, out problem);
        }
        if (media is null || media.Length == 0) return Fail("缺少参数media (the image part)", out problem);
        if (media.Length > MaxMedia) return Fail("图片大小超过2M", out problem);
        return true;
    }

    /// <summary>Why <c>media_hash</c> is not the MD5 of <paramref name="media"/>, or null when it is.</summary>
    public static string? HashProblem(IReadOnlyDictionary<string, string> fields, byte[] media)
    {
        var expected = Convert.ToHexString(MD5.HashData(media)).ToLowerInvariant();
        return fields.TryGetValue("media_hash", out var given) && string.Equals(given, expected, StringComparison.OrdinalIgnoreCase)
            ? null
            : "media_hash参数错误 (the MD5 of the media part, in hex)";
    }

    private static bool Fail(string what, out string problem)
    {
        problem = what;
        return false;
    }
}
