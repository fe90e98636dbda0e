using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Catalog;

/// <summary>One documented callback notification: its event types, what is encrypted, and its fields.</summary>
internal sealed class CatalogWebhook
{
    /// <summary>Creates a webhook.</summary>
    public CatalogWebhook(
        string name,
        string title,
        IReadOnlyList<string> eventTypes,
        IReadOnlyList<string> aesGcm,
        IReadOnlyList<FieldPath> decrypt,
        string? contentType,
        IReadOnlyList<CatalogField> fields,
        IReadOnlyList<CatalogField> response)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Title = title ?? throw new ArgumentNullException(nameof(title));
        EventTypes = eventTypes ?? throw new ArgumentNullException(nameof(eventTypes));
        AesGcm = aesGcm ?? throw new ArgumentNullException(nameof(aesGcm));
        Decrypt = decrypt ?? throw new ArgumentNullException(nameof(decrypt));
        ContentType = contentType;
        Fields = fields ?? throw new ArgumentNullException(nameof(fields));
        Response = response ?? throw new ArgumentNullException(nameof(response));
    }

    /// <summary>The page name: protocol and notification, e.g. <c>v3/TRANSACTION.SUCCESS</c>.</summary>
    public string Name { get; }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>The documented values of <c>body.event_type</c>; empty for v2 XML notifications that carry none.</summary>
    public IReadOnlyList<string> EventTypes { get; }

    /// <summary>Dotted paths of AEAD_AES_256_GCM fields to decrypt with the APIv3 key (<c>body.resource.ciphertext</c>).</summary>
    public IReadOnlyList<string> AesGcm { get; }

    /// <summary>The merchant-key (<c>rsa-merchant</c>) fields inside the decrypted resource.</summary>
    public IReadOnlyList<FieldPath> Decrypt { get; }

    /// <summary>The documented <c>Content-Type</c> of the notification (<c>application/json</c> or <c>text/xml</c>), or null.</summary>
    public string? ContentType { get; }

    /// <summary>The notification request rows: <c>headers</c> and <c>body</c>.</summary>
    public IReadOnlyList<CatalogField> Fields { get; }

    /// <summary>The answer the merchant must send back.</summary>
    public IReadOnlyList<CatalogField> Response { get; }

    /// <summary>The notification body fields: the children of the <c>body</c> row.</summary>
    public IReadOnlyList<CatalogField> BodyFields => Children("body");

    /// <summary>The notification headers: the children of the <c>headers</c> row.</summary>
    public IReadOnlyList<CatalogField> HeaderFields => Children("headers");

    /// <inheritdoc />
    public override string ToString() => Name;

    private IReadOnlyList<CatalogField> Children(string name)
    {
        foreach (var row in Fields)
        {
            if (string.Equals(row.Name, name, StringComparison.Ordinal)) return row.Children;
        }

        return Array.Empty<CatalogField>();
    }
}
