using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

// The "Request" and "Answer" sections of an operation page: a table per place a value goes (path, query, headers, body or
// upload parts), one row a field with its dotted name, documented type, whether it is required, its values, and a mark on
// the fields the client encrypts or decrypts for you.
internal static partial class PageWriter
{
    private static void RequestTables(StringBuilder text, CatalogOperation operation)
    {
        var v2 = CallerFields.IsV2(operation);
        text.Append("## Request\n\n");
        var empty = true;
        if (operation.PathParams.Count > 0)
        {
            empty = false;
            text.Append("Path values (`{name}` in the path; ").Append(operation.Method == "GET" || operation.Download
                ? "a GET's query object fills them, or `WeChatPayRequestOptions.PathValues`)" : "`WeChatPayRequestOptions.PathValues`, a template member, or the indexer)").Append(":\n\n");
            text.Append("| name | type | values |\n| --- | --- | --- |\n");
            foreach (var param in operation.PathParams.Distinct())
            {
                var row = operation.RequestOption(param) ?? operation.QueryFields.FirstOrDefault(f => f.Name == param);
                text.Append("| `").Append(param).Append("` | ").Append(row?.Type ?? "string").Append(" | ").Append(row is null ? string.Empty : Values(row)).Append(" |\n");
            }
            text.Append('\n');
        }
        var query = operation.QueryFields.Where(f => !operation.PathParams.Contains(f.Name)).ToList();
        if (query.Count > 0)
        {
            empty = false;
            text.Append(v2 ? "Query (signed with the APIv2 key like a body):\n\n" : "Query parameters:\n\n");
            FieldTable(text, query, v2, answer: false);
        }
        var headers = operation.HeaderFields;
        if (headers.Count > 0)
        {
            empty = false;
            text.Append("Headers (`WeChatPayRequestOptions.Headers`; the client sets `Wechatpay-Serial` itself when it encrypts):\n\n");
            text.Append("| header | required |\n| --- | --- |\n");
            foreach (var header in headers) text.Append("| `").Append(header.Name).Append("` | ").Append(header.Required ? "yes" : string.Empty).Append(" |\n");
            text.Append('\n');
        }
        var body = operation.BodyFields;
        if (body.Count > 0)
        {
            empty = false;
            text.Append(operation.RequestBody switch
            {
                "multipart" => v2 ? "Form parts (the file, and fields signed as APIv2 fields; `UploadAsync` fills in the digest):\n\n"
                    : "Parts (the file, and the `meta` JSON the signature covers; `UploadAsync` fills in the file name and digest):\n\n",
                "xml" => "XML body:\n\n",
                _ => "JSON body:\n\n",
            });
            FieldTable(text, body, v2, answer: false);
        }
        if (empty) text.Append("No fields.\n\n");
    }

    private static void AnswerTable(StringBuilder text, CatalogOperation operation)
    {
        text.Append("## Answer\n\n");
        if (operation.Download)
        {
            text.Append("The file itself, written to your stream or file (`WeChatPayDownload`: `Length`, `Decompressed`, `Headers`).\n\n");
            return;
        }
        if (operation.Response.Count == 0)
        {
            text.Append("No documented fields (`response.StatusCode`, `response.Body`).\n\n");
            return;
        }
        text.Append(CallerFields.IsV2(operation) ? "The answer's XML fields (read through `response.Data`, or the typed answer's members):\n\n"
            : "JSON fields (read through `response.Data`, or the typed answer's members):\n\n");
        FieldTable(text, operation.Response, CallerFields.IsV2(operation), answer: true);
    }

    private static void FieldTable(StringBuilder text, IReadOnlyList<CatalogField> fields, bool v2, bool answer)
    {
        text.Append(answer ? "| field | type | always present | values | |\n" : "| field | type | required | values | |\n");
        text.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var (path, field) in Flatten(fields, string.Empty))
        {
            var top = path == field.Name;
            var required = answer ? (field.Required ? "yes" : string.Empty)
                : v2 && top && field.Name is "sign" or "nonce_str" ? "filled in by the client"
                : field.Required ? "yes" : string.Empty;
            var mark = answer ? (field.Encrypted == CatalogEncryption.RsaMerchant ? DecryptedMark : string.Empty)
                : SampleValues.EncryptedForYou(field) ? EncryptedMark : string.Empty;
            text.Append("| `").Append(Cell(path)).Append("` | ").Append(field.Type).Append(" | ").Append(required).Append(" | ")
                .Append(Values(field)).Append(" | ").Append(mark).Append(" |\n");
        }
        text.Append('\n');
    }

    // The documented values of a field, each in code.
    private static string Values(CatalogField field) =>
        string.Join(", ", field.Enum.Distinct(StringComparer.Ordinal).Select(v => "`" + Cell(v).Replace("`", "'") + "`"));
}
