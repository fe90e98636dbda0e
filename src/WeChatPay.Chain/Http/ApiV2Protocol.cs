using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Http;

/// <summary>
/// APIv2 behind the same nodes: a call whose documented path starts with <c>v2/</c> is sent to the URL without that prefix,
/// as a flat <c>&lt;xml&gt;</c> body (a GET: as its query) signed with the APIv2 key (MD5, or HMAC-SHA256 when the body's
/// <c>sign_type</c> asks), and its answer is read as XML and judged (<see cref="ApiV2Answer.Judge"/>). No v3 Authorization,
/// no Wechatpay-Serial, no platform key is involved. Composed by <see cref="ClientSetup"/>; reads no option itself.
/// </summary>
internal sealed partial class ApiV2Protocol
{
    /// <summary>The prefix of every documented APIv2 path, which the URL does not have.</summary>
    public const string Prefix = "v2/";

    private const string NonceField = "nonce_str";
    private const string SecurityFlag = "security";
    private const string NoncelessFlag = "nonceless";

    private readonly string? _apiV2Key;
    private readonly string _merchantId;
    private readonly bool _operationHosts;
    private readonly string? _noCertificate;

    /// <param name="apiV2Key">The checked APIv2 key, or null when none is configured (every v2 call then fails before sending).</param>
    /// <param name="merchantId">The configured merchant id, which a request's <c>mch_id</c>/<c>mchid</c> must equal.</param>
    /// <param name="operationHosts">Whether an operation's own documented host is used (only with the default base URL).</param>
    /// <param name="noCertificate">Why a call that needs the client certificate cannot have it (what to configure), or null when it can.</param>
    public ApiV2Protocol(string? apiV2Key, string merchantId, bool operationHosts, string? noCertificate)
    {
        _apiV2Key = apiV2Key;
        _merchantId = merchantId;
        _operationHosts = operationHosts;
        _noCertificate = noCertificate;
    }

    /// <summary>Whether <paramref name="relativePath"/> (expanded, without leading slash) is an APIv2 path.</summary>
    public static bool IsV2(string relativePath) => relativePath.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Makes a built v2 call ready to seal: its fields read, checked, given a nonce and signed, written as the XML body (or the
    /// query of a GET), and its origin chosen. Nothing is sent when this throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">No APIv2 key is configured (WeChatPayOptions.ApiV2Key).</exception>
    /// <exception cref="InvalidOperationException">The operation needs the merchant's client certificate and none is configured.</exception>
    /// <exception cref="WeChatPayValidationException">The request's mch_id/mchid is not the configured merchant.</exception>
    /// <exception cref="ArgumentException">The body is not an object of fields, carries a sign, or a field cannot be sent.</exception>
    /// <exception cref="NotSupportedException">The operation is a page a browser opens (<see cref="V2Pages"/>), not a call.</exception>
    public void Prepare(PreparedCall call) => Prepare(call, null);

    /// <summary>Whether the call has pay-to-bank fields for the client to encrypt (the catalog's <c>rsa-paybank</c> marks, automatic encryption on).</summary>
    public static bool NeedsBankKey(PreparedCall call) => call.AutoEncryption && call.Operation is { } operation && BankField(operation, null) is not null;

    /// <inheritdoc cref="Prepare(PreparedCall)"/>
    /// <param name="call">The built call.</param>
    /// <param name="bankKey">The key of the pay-to-bank fields (<see cref="ApiV2BankKey"/>), when <see cref="NeedsBankKey"/>.</param>
    public void Prepare(PreparedCall call, VerifyingKey? bankKey)
    {
        var shown = call.Method.Method + " " + call.RelativePath;
        if (V2Pages.IsPage(call.RelativePath))
            throw new NotSupportedException(
                $"{call.RelativePath} is a page the user's browser opens inside WeChat (WeChat Pay answers it with a redirect), not a call a server makes: " +
                "build its URL with the documented query, and sign, as its page documents, and send the user there (nothing was sent).");
        if (call.Operation?.RequestBody == "multipart" && call.Upload is null)
            throw new ArgumentException($"{shown} is an APIv2 upload: call UploadAsync with the file (nothing was sent).", "path");
        if (_apiV2Key is null)
            throw new InvalidOperationException(
                $"{shown} is an APIv2 call, signed with the APIv2 key, and WeChatPayOptions.ApiV2Key is not set: give the 32-character APIv2 key " +
                "set in the merchant platform (nothing was sent).");
        if (call.Operation is { } operation && HasFlag(operation, SecurityFlag))
        {
            if (_noCertificate is not null)
                throw new InvalidOperationException($"{shown} is sent with the merchant's client certificate (the merchant API certificate): {_noCertificate} (nothing was sent).");
            call.ClientCertificate = true;
        }
        call.ResendOnSystemError = V2SystemErrorRetry.Applies(call.RelativePath);

        var isGet = call.Method == System.Net.Http.HttpMethod.Get;
        var fields = isGet ? new List<KeyValuePair<string, string>>(call.Query) : BodyFields(call.BodySource);
        CheckFields(call, fields, shown);
        if (bankKey is not null) EncryptBankFields(call, fields, bankKey);
        call.V2SignType = ApiV2Signature.SignTypeOf(fields);
        var signed = ApiV2Signature.WithSign(fields, _apiV2Key);
        if (isGet)
        {
            call.Query.Clear();
            call.Query.AddRange(signed);
        }
        else if (call.Upload is not null)
        {
            ApiV2XmlWriter.Check(signed); // the form's parts are named by the fields, checked as the XML's would be
            call.V2Form = signed;
        }
        else
        {
            call.XmlBody = ApiV2XmlWriter.Write(signed);
        }
        if (_operationHosts && call.Operation?.BaseUri is { } host && Uri.TryCreate(host, UriKind.Absolute, out var uri))
            call.Origin = uri.GetLeftPart(UriPartial.Authority);
    }

    // The caller's sign is refused, mch_id/mchid must be this merchant, and nonce_str is added unless given or documented absent.
    private void CheckFields(PreparedCall call, List<KeyValuePair<string, string>> fields, string shown)
    {
        var hasNonce = false;
        foreach (var field in fields)
        {
            if (string.Equals(field.Key, ApiV2Signature.SignField, StringComparison.Ordinal))
                throw new ArgumentException($"{shown}: the request carries a sign field; leave it out, the client signs every APIv2 request with WeChatPayOptions.ApiV2Key.", "body");
            if ((field.Key == "mch_id" || field.Key == "mchid") && !string.Equals(field.Value, _merchantId, StringComparison.Ordinal))
                throw new WeChatPayValidationException(call.Operation?.ToString() ?? shown,
                    new[] { $"{field.Key} is not the configured merchant (WeChatPayOptions.MerchantId {_merchantId}): this client signs only for its own merchant" });
            if (field.Key == NonceField && field.Value.Length > 0) hasNonce = true;
        }
        // The upload documents its form fields without a nonce.
        var nonceless = call.Upload is not null || V2SignlessOperations.RequestHasNoNonce(call.RelativePath) || (call.Operation is { } operation && HasFlag(operation, NoncelessFlag));
        if (!hasNonce && !nonceless)
        {
            fields.RemoveAll(field => field.Key == NonceField);
            fields.Add(new KeyValuePair<string, string>(NonceField, Nonce.Create()));
        }
    }

    // The body as flat fields, in order: strings as given, numbers in invariant text, booleans true/false, objects and arrays as
    // compact JSON strings (what v2 documents for detail, scene_info, receivers), nulls left out.
    private static List<KeyValuePair<string, string>> BodyFields(object? body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (body is null) return fields;
        if (RequestBuilder.BodyTree(body) is not JObject tree)
            throw new ArgumentException("An APIv2 body is an object of fields (an anonymous object, a dictionary, a JObject or JSON object text).", nameof(body));
        foreach (var property in tree.Properties())
        {
            if (FieldText(property.Value) is { } text) fields.Add(new KeyValuePair<string, string>(property.Name, text));
        }
        return fields;
    }

    private static string? FieldText(JToken value) => value switch
    {
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } text => (string)text!,
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "true" : "false",
        JValue scalar when scalar.Value is IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        JValue scalar => Convert.ToString(scalar.Value, CultureInfo.InvariantCulture),
        _ => value.ToString(Formatting.None),
    };

    // The pay-to-bank fields in plaintext become RSA-OAEP ciphertext under the key risk/getpublickey gives; a value that
    // already is a ciphertext of that key's size is the caller's own and is sent as given.
    private static void EncryptBankFields(PreparedCall call, List<KeyValuePair<string, string>> fields, VerifyingKey bankKey)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Value.Length == 0 || BankField(call.Operation!, field.Key) is null || bankKey.IsCiphertext(field.Value)) continue;
            fields[i] = new KeyValuePair<string, string>(field.Key, bankKey.Encrypt(field.Value));
            call.EncryptedFields.Add(field.Key);
        }
    }

    // The operation's documented body field of that name marked rsa-paybank (any such field when name is null), or null.
    private static Catalog.CatalogField? BankField(Catalog.CatalogOperation operation, string? name)
    {
        foreach (var field in operation.BodyFields)
            if (field.Encrypted == ApiV2BankKey.Marker && (name is null || field.Name == name)) return field;
        return null;
    }

    private static bool HasFlag(Catalog.CatalogOperation operation, string flag) => operation.RequestOption(flag)?.Type == "true";
}
