using System;
using System.Collections.Generic;

namespace WeChatPay.Chain.Catalog;

/// <content>The field trees of the request options: body, query, headers and path parameters.</content>
internal sealed partial class CatalogOperation
{
    private static readonly CatalogField[] NoFields = Array.Empty<CatalogField>();

    /// <summary>The fields of the request body: the children of the top-level <c>json</c>, <c>xml</c> or <c>body</c> (multipart) row; empty without a body.</summary>
    public IReadOnlyList<CatalogField> BodyFields => RequestBody switch
    {
        "json" => OptionChildren("json"),
        "xml" => OptionChildren("xml"),
        "multipart" => OptionChildren("body"),
        _ => NoFields,
    };

    /// <summary>The query parameters: the children of the top-level <c>query</c> row.</summary>
    public IReadOnlyList<CatalogField> QueryFields => OptionChildren("query");

    /// <summary>The documented request headers: the children of the top-level <c>headers</c> row.</summary>
    public IReadOnlyList<CatalogField> HeaderFields => OptionChildren("headers");

    /// <summary>Finds a top-level request row (a request option such as <c>json</c>, <c>query</c>, <c>headers</c> or a path parameter) by name.</summary>
    /// <param name="name">The row name, compared ordinally.</param>
    /// <returns>The row, or null when the operation does not document it.</returns>
    public CatalogField? RequestOption(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        for (var i = 0; i < Request.Count; i++)
        {
            if (string.Equals(Request[i].Name, name, StringComparison.Ordinal)) return Request[i];
        }

        return null;
    }

    /// <summary>The children of a top-level request row, or an empty list when the row is absent.</summary>
    /// <param name="name">The row name (<c>json</c>, <c>query</c>, <c>headers</c>, ...).</param>
    /// <returns>The nested fields of that row.</returns>
    public IReadOnlyList<CatalogField> OptionChildren(string name) => RequestOption(name)?.Children ?? NoFields;

    private static IReadOnlyList<CatalogField> CollectPathParamFields(IReadOnlyList<string> pathParams, IReadOnlyList<CatalogField> request)
    {
        if (pathParams.Count == 0) return NoFields;
        var fields = new List<CatalogField>(pathParams.Count);
        foreach (var param in pathParams)
        {
            foreach (var row in request)
            {
                if (string.Equals(row.Name, param, StringComparison.Ordinal))
                {
                    fields.Add(row);
                    break;
                }
            }
        }

        return fields.Count == 0 ? NoFields : fields.ToArray();
    }
}
