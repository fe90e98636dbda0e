using System;
using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>A verified answer from WeChat Pay: status, headers, the raw body and its JSON as <c>dynamic</c>.</summary>
[System.Diagnostics.DebuggerDisplay("{Display,nq}")]
public class WeChatPayResponse
{
    private readonly byte[] _bytes;
    private string? _body;
    private JToken? _json;
    private volatile bool _parsed;

    // json: the body already parsed (merchant-key fields decrypted), or null to parse it when first asked.
    internal WeChatPayResponse(int statusCode, IReadOnlyDictionary<string, string> headers, byte[] bytes, JToken? json,
        IReadOnlyList<string> encryptedFields, IReadOnlyList<string> decryptedFields)
    {
        StatusCode = statusCode;
        Headers = headers;
        _bytes = bytes;
        EncryptedFields = encryptedFields.Count == 0 ? NoFields : encryptedFields;
        DecryptedFields = decryptedFields.Count == 0 ? NoFields : decryptedFields;
        if (json is not null)
        {
            _json = json;
            _parsed = true;
        }
    }

    // The same answer, for a typed view of it (WeChatPayResponse<TModel>).
    private protected WeChatPayResponse(WeChatPayResponse answer)
    {
        StatusCode = answer.StatusCode;
        Headers = answer.Headers;
        _bytes = answer._bytes;
        EncryptedFields = answer.EncryptedFields;
        DecryptedFields = answer.DecryptedFields;
        _body = answer._body;
        _json = answer._json;
        _parsed = answer._parsed;
    }

    /// <summary>The HTTP status code, e.g. 200 or 204.</summary>
    public int StatusCode { get; }

    /// <summary>The response headers (case-insensitive names; repeated headers joined with ", ").</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The <c>Request-ID</c> header WeChat Pay support asks for, when present.</summary>
    public string? RequestId => Headers.TryGetValue("Request-ID", out var id) ? id : null;

    /// <summary>The raw body bytes exactly as received (for downloads such as bill files).</summary>
    public byte[] RawBody => _bytes;

    /// <summary>The raw body as UTF-8 text, exactly as received and verified (encrypted fields still encrypted).</summary>
    public string Body => _body ??= Encoding.UTF8.GetString(_bytes);

    /// <summary>The body as JSON, for typed access, parsed when first read; null for an empty body and for a download's file (any other body that is not JSON fails the call).</summary>
    public JToken? Json
    {
        get
        {
            if (!_parsed)
            {
                // Parsed when first read (a call checks that a success answer is JSON without building the tree); threads that
                // read it at once all get the one tree.
                if (Shared.WeChatPayJson.TryParse(_bytes, _body) is { } parsed) System.Threading.Interlocked.CompareExchange(ref _json, parsed, null);
                _parsed = true;
            }
            return _json;
        }
    }

    /// <summary>
    /// The body as dynamic JSON, so that <c>res.Data.prepay_id</c> reads a field (merchant-key fields already decrypted); null for
    /// an empty body and for a download's file. Declared non-nullable so that <c>res.Data.field</c> needs no <c>!</c> under nullable analysis:
    /// check <see cref="Json"/> for null where a body may be empty.
    /// </summary>
    public dynamic Data => Json!;

    /// <summary>The request fields this call encrypted before sending (e.g. <c>identity.real_name</c>); empty when none.</summary>
    public IReadOnlyList<string> EncryptedFields { get; }

    /// <summary>The answer fields decrypted with the merchant key (e.g. <c>data[0].user_name</c>); <see cref="Body"/> keeps their ciphertext.</summary>
    public IReadOnlyList<string> DecryptedFields { get; }

    private static readonly string[] NoFields = new string[0];

    /// <summary>Reads the JSON body into <typeparamref name="T"/> with the client's serializer settings.</summary>
    /// <exception cref="InvalidOperationException">The body is empty or not JSON.</exception>
    public T As<T>()
    {
        var json = Json ?? throw new InvalidOperationException($"The response body is {(_bytes.Length == 0 ? "empty" : "not JSON")}, so it cannot be read as {typeof(T).Name}.");
        return json.ToObject<T>(Shared.WeChatPayJson.Serializer)!;
    }

    /// <summary>
    /// One line, as a REPL prints an answer: the status, the <c>Request-ID</c> and the body as WeChat Pay sent it (encrypted
    /// fields stay ciphertext; the names of the decrypted ones follow, their plaintext is only in <see cref="Data"/>).
    /// <see cref="Pretty"/> indents the JSON.
    /// </summary>
    public override string ToString() => Describe(indented: false);

    /// <summary>The same as <see cref="ToString"/> on several lines, the JSON indented: <c>Console.WriteLine(res.Pretty())</c>.</summary>
    public string Pretty() => Describe(indented: true);

    private string Describe(bool indented)
    {
        var text = new StringBuilder().Append(StatusCode);
        if (RequestId is { } id) text.Append(" (Request-ID ").Append(id).Append(')');
        if (_bytes.Length > 0)
        {
            var wire = indented ? Shared.WeChatPayJson.TryParse(Body) : null;
            text.Append(indented ? '\n' : ' ').Append(wire is null ? Body : wire.ToString(Newtonsoft.Json.Formatting.Indented));
        }
        if (DecryptedFields.Count > 0) text.Append(indented ? "\n" : "; ").Append("decrypted into Data: ").Append(string.Join(", ", DecryptedFields));
        return text.ToString();
    }

    private string Display => ToString();
}
