using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// The file part of an upload, checked as WeChat Pay does: it is there, under the documented part name, and its digest is
/// the one the signed meta gives (<c>sha256</c>; <c>digest</c>/<c>file_digest</c> in SM3 where the meta names an SM3
/// algorithm, else SHA-256). The sandbox's own code: .NET's SHA-256, BouncyCastle's SM3.
/// </summary>
internal static class UploadCheck
{
    public static async Task<Rejection?> CheckAsync(CatalogOperation operation, string? contentType, byte[] body, JObject meta, CancellationToken cancellationToken)
    {
        var documented = operation.BodyFields.FirstOrDefault(f => f.Name != "meta" && f.Type == "object")?.Name ?? "file";
        var file = await MultipartMeta.FileAsync(contentType, body, cancellationToken).ConfigureAwait(false);
        if (file is null || file.Value.Name != documented)
            return Rejection.ParamError(SandboxCheck.Parameters, documented, "body", "missing",
                $"参数错误 (parameter error): the upload has no '{documented}' part with the file.");
        var field = new[] { "sha256", "digest", "file_digest" }.FirstOrDefault(n => meta[n] is not null);
        if (field is null) return null; // ParameterCheck already reported a missing required digest
        var sm3 = field != "sha256" && meta.Properties().Any(p => p.Name.StartsWith("digest_al", StringComparison.Ordinal));
        var actual = sm3 ? Sm3(file.Value.Bytes) : Convert.ToHexString(SHA256.HashData(file.Value.Bytes)).ToLowerInvariant();
        var given = (string?)meta[field];
        return string.Equals(given, actual, StringComparison.OrdinalIgnoreCase)
            ? null
            : Rejection.ParamError(SandboxCheck.Parameters, "meta." + field, "body", "digest mismatch",
                $"参数错误 (parameter error): meta.{field} is not the {(sm3 ? "SM3" : "SHA-256")} of the '{documented}' part.");
    }

    private static string Sm3(byte[] bytes)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return Convert.ToHexString(output).ToLowerInvariant();
    }
}
