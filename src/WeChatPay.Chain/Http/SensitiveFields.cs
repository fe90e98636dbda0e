using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http;

/// <summary>
/// Step 3 and step 7 of a call: encrypt the documented sensitive request fields with a platform key (and name it in
/// <c>Wechatpay-Serial</c>); decrypt the documented merchant-key fields of the answer.
/// </summary>
internal sealed class SensitiveFields
{
    private const string SerialHeader = "Wechatpay-Serial";
    private static readonly FieldPath[] NoPaths = Array.Empty<FieldPath>();

    private readonly SigningKey _merchantKey;
    private readonly Diagnostics.MigrationCounters _migration;
    private readonly bool _publicKeysOnly;

    /// <param name="merchantKey">Decrypts the merchant-key fields of answers.</param>
    /// <param name="migration">Counts the kind of key each request names in <c>Wechatpay-Serial</c>.</param>
    /// <param name="publicKeysOnly">WeChatPayOptions.PublicKeysOnly: a certificate serial in a call's own <c>Wechatpay-Serial</c> is refused.</param>
    public SensitiveFields(SigningKey merchantKey, Diagnostics.MigrationCounters migration, bool publicKeysOnly)
    {
        _merchantKey = merchantKey;
        _migration = migration;
        _publicKeysOnly = publicKeysOnly;
    }

    /// <summary>
    /// Encrypts what the catalog marks (when automatic encryption is on) and what the call names in
    /// <see cref="WeChatPayRequestOptions.EncryptFields"/>, and decides the <c>Wechatpay-Serial</c> header. A value that is
    /// already ciphertext for the key (RSA-OAEP or SM2, by its scheme) is left as the caller encrypted it when the caller named the key, and refused otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">A field cannot be encrypted as given, the serial names no configured platform key, or it names a certificate under PublicKeysOnly.</exception>
    public void Encrypt(PreparedCall call, WeChatPayRequestOptions? options, PlatformKeyStore platformKeys)
    {
        if (_publicKeysOnly && call.CallerSerial is { } named && !Diagnostics.MigrationCounters.IsPublicKey(named))
            throw new ArgumentException($"The {SerialHeader} header names {named}, a certificate serial, and WeChatPayOptions.PublicKeysOnly is on: " +
                $"name the WeChat Pay public key ({platformKeys.EncryptionKeyId ?? "PUB_KEY_ID_…"}), or leave the header out and the client sets it when it encrypts.",
                nameof(WeChatPayRequestOptions.Headers));
        var paths = EncryptPaths(call, options);
        // Sensitive query values are never shown in a message, encrypted or not.
        foreach (var path in call.Operation?.Encrypt ?? NoPaths)
            if (path.Location == FieldLocation.Query) call.SensitiveQuery.Add(path.Text);
        foreach (var path in paths)
            if (path.Location == FieldLocation.Query) call.SensitiveQuery.Add(path.Text);
        if (paths.Count == 0 && !(call.AutoEncryption && call.Operation?.SerialHeader == true))
        {
            // Nothing for the client to encrypt: a Wechatpay-Serial of the caller's own goes out as given.
            if (call.CallerSerial is not null)
            {
                call.Headers.Add(new KeyValuePair<string, string>(SerialHeader, call.CallerSerial));
                _migration.RequestNamed(call.CallerSerial);
            }
            return;
        }

        var serial = call.CallerSerial ?? platformKeys.EncryptionKeyId;
        if (serial is null || !platformKeys.TryGet(serial, out var key))
            throw new ArgumentException(call.CallerSerial is not null
                ? $"The {SerialHeader} header names {serial}, which is not a platform key the client holds (holding: {string.Join(", ", platformKeys.Ids)})."
                : $"WeChatPayOptions.EncryptionKeyId names {serial ?? "nothing"}, which is not a platform key the client holds (holding: {string.Join(", ", platformKeys.Ids)}).",
                call.CallerSerial is not null ? nameof(WeChatPayRequestOptions.Headers) : nameof(WeChatPayOptions.EncryptionKeyId));
        call.Headers.Add(new KeyValuePair<string, string>(SerialHeader, serial));
        string? Transform(string field, string value) => EncryptValue(field, value, key, serial, call.CallerSerial is not null);

        foreach (var path in paths)
        {
            switch (path.Location)
            {
                case FieldLocation.Query:
                    for (var i = 0; i < call.Query.Count; i++)
                    {
                        var pair = call.Query[i];
                        if (pair.Key != path.Text) continue;
                        var field = "query." + pair.Key;
                        var encrypted = Transform(field, pair.Value);
                        if (encrypted is null) continue;
                        call.Query[i] = new KeyValuePair<string, string>(pair.Key, encrypted);
                        call.EncryptedFields.Add(field);
                    }
                    break;
                default: // body fields, and an upload's meta fields (its BodyTree is {"meta": …})
                    if (call.BodySource is null) break;
                    call.BodyTree ??= RequestBuilder.BodyTree(call.BodySource);
                    var before = call.EncryptedFields.Count;
                    JsonFields.Apply(call.BodyTree, path, Transform, call.EncryptedFields);
                    call.BodyChanged |= call.EncryptedFields.Count > before;
                    break;
            }
        }
        _migration.RequestNamed(serial); // counted once every field is encrypted: a call refused here is not sent
    }

    /// <summary>
    /// Decrypts, in place, the fields of <paramref name="paths"/> (<see cref="DecryptPaths"/>) in a verified answer's JSON;
    /// nothing happens when there are none or the answer has no JSON.
    /// </summary>
    /// <exception cref="WeChatPayException">A field does not decrypt with the merchant private key.</exception>
    public void Decrypt(PreparedCall call, IReadOnlyList<FieldPath> paths, Answer answer, JToken? json, List<string> decrypted)
    {
        if (json is null || paths.Count == 0) return;
        JsonFields.DecryptMerchantFields(json, paths, _merchantKey, decrypted, (path, e) => new WeChatPayException(
            $"{call.Method.Method} {call.ShownTarget}: the answer's field {path.CallerText} could not be decrypted with the merchant private key ({e.Message}). " +
            "Check that MerchantPrivateKey belongs to MerchantSerialNumber.",
            call.Method.Method, call.ShownTarget, answer.StatusCode, answer.Text, answer.Headers, e));
    }

    private static string? EncryptValue(string field, string value, VerifyingKey key, string serial, bool callerNamedKey)
    {
        if (key.IsCiphertext(value))
        {
            if (callerNamedKey) return null; // the caller encrypted it for the key they named: leave it
            throw new ArgumentException(
                $"The field {field} is already {key.Scheme.FieldCipher} ciphertext ({value.Length} base64 characters). If you encrypted it yourself, " +
                $"name the key you used in the {SerialHeader} header (e.g. {serial}); otherwise pass the plaintext and the client encrypts it.", field);
        }
        try
        {
            return key.Encrypt(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The field {field} cannot be encrypted: {e.Message}", field, e);
        }
    }

    private static IReadOnlyList<FieldPath> EncryptPaths(PreparedCall call, WeChatPayRequestOptions? options) =>
        Paths(call, call.Operation?.Encrypt, options?.EncryptFields, FieldLocation.Body, nameof(WeChatPayRequestOptions.EncryptFields));

    /// <summary>The answer's fields to decrypt with the merchant key: the documented ones when automatic encryption applies,
    /// then those the call names in <see cref="WeChatPayRequestOptions.DecryptFields"/>. Read before the call is sent.</summary>
    /// <exception cref="ArgumentException">A path of <see cref="WeChatPayRequestOptions.DecryptFields"/> cannot be read.</exception>
    public static IReadOnlyList<FieldPath> DecryptPaths(PreparedCall call, WeChatPayRequestOptions? options) =>
        Paths(call, call.Operation?.Decrypt, options?.DecryptFields, FieldLocation.Answer, nameof(WeChatPayRequestOptions.DecryptFields));

    // The documented paths when automatic encryption applies, then those the call names; no list is made when there are none.
    private static IReadOnlyList<FieldPath> Paths(PreparedCall call, IReadOnlyList<FieldPath>? documented, IEnumerable<string>? extra,
        FieldLocation location, string option)
    {
        var applying = call.AutoEncryption && documented is not null ? documented : NoPaths;
        if (extra is null) return applying;
        var paths = new List<FieldPath>(applying);
        foreach (var text in extra)
            paths.Add(CallerPath(text, location, option));
        return paths;
    }

    private static FieldPath CallerPath(string text, FieldLocation location, string option)
    {
        try
        {
            return FieldPath.FromCaller(text, location);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{option} holds a path that cannot be read: {e.Message}", option);
        }
    }
}
