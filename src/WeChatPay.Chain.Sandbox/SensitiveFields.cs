using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Sandbox;

/// <summary>
/// Checks the fields the documentation marks <c>rsa-platform</c> (read by <see cref="SensitivePaths"/>: <c>json.…</c>,
/// <c>query.…</c>, <c>body.meta.…</c>, through nested objects and <c>[]</c> arrays): every one present must be base64
/// ciphertext of the merchant's scheme (RSA-OAEP, or SM2 in 国密) that decrypts with the platform private key, and the request must then carry a
/// <c>Wechatpay-Serial</c> naming that key. The plaintext is dropped at once; only field paths are kept.
/// </summary>
internal static class SensitiveFields
{
    public const string SerialHeader = "Wechatpay-Serial";

    /// <summary>Decrypts every sensitive field present, recording the paths that decrypted; the first problem as a 400 PARAM_ERROR, or null.</summary>
    public static Rejection? Check(RequestInputs inputs, string? serialHeader, SandboxKeys keys, List<string> decrypted)
    {
        var given = serialHeader?.Trim();
        // The merchant chooses which listed platform key encrypts (during a rotation, either); the current one otherwise.
        var platform = string.IsNullOrEmpty(given) ? keys.Platform : keys.FindPlatform(given!);
        if (platform is null)
        {
            return Rejection.ParamError(SandboxCheck.Encryption, SerialHeader, "header", "unknown serial",
                $"参数错误 (parameter error): {SerialHeader} names no platform key of this merchant; the platform key is {keys.PlatformKeyId}.");
        }
        foreach (var encryptPath in SensitivePaths.Of(inputs.Operation))
        {
            foreach (var (path, location, value) in Select(inputs, encryptPath))
            {
                if (value is null || platform.Key.TryDecrypt(value) is null)
                {
                    return Rejection.ParamError(SandboxCheck.Encryption, path, location, "not encrypted",
                        $"参数错误 (parameter error): the sensitive field '{path}' is not encrypted with the platform key {platform.Id} "
                        + $"({keys.Rules.FieldCipher}).");
                }
                // Recorded as the client names them: body paths as they are, query parameters as query.name.
                decrypted.Add(location == "query" ? "query." + path : path);
                inputs.EncryptedPaths.Add(path);
            }
        }

        if (decrypted.Count > 0 && string.IsNullOrEmpty(given))
        {
            return Rejection.ParamError(SandboxCheck.Encryption, SerialHeader, "header", "missing",
                $"参数错误 (parameter error): the request carries encrypted fields, so {SerialHeader} must name the platform key that encrypted them ({keys.PlatformKeyId}).");
        }
        return null;
    }

    // (path as recorded, location, value or null when present but not a string) for every value at a catalog path.
    private static IEnumerable<(string Path, string Location, string? Value)> Select(RequestInputs inputs, string encryptPath)
    {
        var segments = encryptPath.Split('.');
        if (segments.Length >= 2 && segments[0] == "json")
            return Walk(inputs.Body, segments, 1, string.Empty, "body");
        if (segments.Length >= 3 && segments[0] == "body" && segments[1] == "meta")
            return inputs.Meta is null ? Array.Empty<(string, string, string?)>() : Walk(inputs.Meta, segments, 2, "meta", "body");
        if (segments.Length == 2 && segments[0] == "query")
            return Query(inputs.Query, segments[1]);
        return Array.Empty<(string, string, string?)>();
    }

    private static IEnumerable<(string, string, string?)> Query(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) yield break;
        foreach (var value in values)
            if (!string.IsNullOrEmpty(value)) yield return (name, "query", value);
    }

    private static IEnumerable<(string, string, string?)> Walk(JToken node, string[] segments, int index, string path, string location)
    {
        if (index == segments.Length)
        {
            if (node.Type != JTokenType.Null) yield return (path, location, node.Type == JTokenType.String ? (string?)node : null);
            yield break;
        }
        if (node is not JObject json) yield break;

        var segment = segments[index];
        var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
        var name = isArray ? segment.Substring(0, segment.Length - 2) : segment;
        var child = json.Property(name, StringComparison.Ordinal)?.Value;
        if (child is null || child.Type == JTokenType.Null) yield break;
        var childPath = path.Length == 0 ? name : path + "." + name;

        if (isArray && child is JArray array)
        {
            for (var i = 0; i < array.Count; i++)
                foreach (var hit in Walk(array[i], segments, index + 1, childPath + "[" + i + "]", location))
                    yield return hit;
            yield break;
        }
        foreach (var hit in Walk(child, segments, index + 1, childPath, location))
            yield return hit;
    }
}
