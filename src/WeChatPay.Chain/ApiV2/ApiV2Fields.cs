using System;
using System.Collections;
using System.Collections.Generic;

namespace WeChatPay.Chain.ApiV2;

/// <summary>
/// The flat fields of an APIv2 document (an answer, a notification, a decrypted <c>req_info</c>): element name → text, in
/// document order, each name once, with the name of the root element (<c>xml</c>, or <c>root</c> for <c>req_info</c>).
/// </summary>
internal sealed class ApiV2Fields : IReadOnlyDictionary<string, string>
{
    private readonly List<KeyValuePair<string, string>> _ordered;
    private readonly Dictionary<string, string> _byName;

    /// <summary>Creates the fields of a document.</summary>
    /// <param name="root">The root element's name.</param>
    /// <param name="fields">The fields in document order.</param>
    /// <exception cref="ArgumentException">A name is given twice.</exception>
    public ApiV2Fields(string root, IEnumerable<KeyValuePair<string, string>> fields)
    {
        Root = root ?? throw new ArgumentNullException(nameof(root));
        _ordered = new List<KeyValuePair<string, string>>(fields ?? throw new ArgumentNullException(nameof(fields)));
        _byName = new Dictionary<string, string>(_ordered.Count, StringComparer.Ordinal);
        foreach (var field in _ordered)
        {
            if (_byName.ContainsKey(field.Key)) throw new ArgumentException("A field name is given twice.", nameof(fields));
            _byName.Add(field.Key, field.Value);
        }
    }

    /// <summary>The root element's name.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public int Count => _ordered.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in _ordered) yield return pair.Key;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<string> Values
    {
        get
        {
            foreach (var pair in _ordered) yield return pair.Value;
        }
    }

    /// <inheritdoc/>
    public string this[string key] => _byName[key];

    /// <summary>The text of the field <paramref name="name"/>, or null when the document has no such field.</summary>
    public string? ValueOf(string name) => _byName.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out string value) => _byName.TryGetValue(key, out value!);

    /// <summary>The fields in document order.</summary>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _ordered.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
