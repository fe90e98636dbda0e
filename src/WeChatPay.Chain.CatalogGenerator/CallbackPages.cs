using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WeChatPay.Chain.Catalog;

namespace WeChatPay.Chain.CatalogGenerator;

/// <summary>
/// The callback pages of the docs site (<c>callbacks/&lt;slug&gt;.md</c>): title, name, event types, content type, the
/// notification's fields with what the client decrypts marked, the answer WeChat Pay expects, a C# sample that receives it with
/// <c>ReceiveNotificationAsync</c>, and the operations that lead to it; and the callbacks' index page and table of contents.
/// </summary>
internal static class CallbackPages
{
    private static readonly string[] Identifiers = { "out_refund_no", "out_trade_no", "out_order_no", "out_contract_code", "transaction_id", "contract_id" };

    /// <summary>The page of one callback.</summary>
    public static string Page(PageContext context, CatalogWebhook hook)
    {
        var v2 = hook.Name.StartsWith("v2/", StringComparison.Ordinal);
        var reqInfo = hook.BodyFields.FirstOrDefault(f => f.Name == "req_info");
        var decryptedField = v2 ? reqInfo : Field(hook.BodyFields, hook.AesGcm.FirstOrDefault());
        var text = new StringBuilder(8 * 1024);
        text.Append("# ").Append(PageContext.OneLine(hook.Title)).Append("\n\n");
        text.Append('`').Append(hook.Name).Append("` · ").Append(v2 ? "APIv2" : "APIv3");
        if (hook.ContentType is { } type) text.Append(" · `").Append(type).Append('`');
        if (hook.EventTypes.Count > 0) text.Append(" · event type ").Append(string.Join(", ", hook.EventTypes.Select(e => "`" + e + "`")));
        text.Append("\n\n");
        text.Append("- ").Append(v2 ? V2Reading(hook, reqInfo) : "The client checks the `Wechatpay-*` headers, the time and the signature over the raw body, " +
            "decrypts `resource` (AEAD_AES_256_GCM with `WeChatPayOptions.ApiV3Key`) into `notification.Resource`" +
            (hook.Decrypt.Count > 0 ? " and the merchant-key fields inside it" : string.Empty) +
            ", and claims the notification so that your handler runs once ([callbacks](../docs/notifications.md)).").Append('\n');
        text.Append("\n## C#\n\n");
        Sample(text, hook, v2, reqInfo is not null, decryptedField);
        text.Append("In ASP.NET Core the endpoint is one line, `app.MapWeChatPayNotifications(\"/wxpay/notify\", handler)` ([ASP.NET Core](../docs/aspnetcore.md)).\n\n");

        text.Append("## Notification\n\n");
        if (hook.HeaderFields.Count > 0)
        {
            text.Append("| header | required |\n| --- | --- |\n");
            foreach (var header in hook.HeaderFields) text.Append("| `").Append(header.Name).Append("` | ").Append(header.Required ? "yes" : string.Empty).Append(" |\n");
            text.Append('\n');
        }
        BodyTable(text, hook, decryptedField, decryptedField is not null && (!v2 || reqInfo is not null));

        text.Append("## Answer\n\n");
        text.Append(v2
            ? "The client answers `<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>` (200) once your handler has run, " +
              "and `return_code` FAIL with an error status otherwise, so that WeChat Pay sends it again ([APIv2 callbacks](../docs/apiv2.md#callbacks)).\n\n"
            : "The client answers 204 without a body once your handler has run (or had run before), and an error status with " +
              "`{\"code\":\"FAIL\",\"message\":…}` otherwise, so that WeChat Pay sends it again ([what WeChat Pay is answered](../docs/aspnetcore.md#what-wechat-pay-is-answered)).\n\n");
        var answer = hook.Response.SelectMany(r => r.Children).ToList();
        if (answer.Count > 0)
        {
            text.Append("The documented answer:\n\n| field | type | values |\n| --- | --- | --- |\n");
            foreach (var (path, field) in PageWriter.Flatten(answer, string.Empty))
                text.Append("| `").Append(PageWriter.Cell(path)).Append("` | ").Append(field.Type).Append(" | ")
                    .Append(string.Join(", ", field.Enum.Select(v => "`" + PageWriter.Cell(v) + "`"))).Append(" |\n");
            text.Append('\n');
        }

        text.Append("## Operations that lead here\n\n");
        if (context.LeadingTo.TryGetValue(hook.Name, out var operations))
        {
            foreach (var operation in operations)
                text.Append("- [`").Append(operation).Append("`](../operations/").Append(context.Slugs[operation]).Append(".md) ").Append(PageWriter.Cell(PageContext.Title(operation))).Append('\n');
            text.Append("\nDerived: operations with a notify-URL field, linked to this callback by the generator's table of path prefixes (`CallbackLinks`).\n\n");
        }
        else
        {
            text.Append("None that the generator links (it links operations with a notify-URL field by a table of path prefixes, `CallbackLinks`).\n\n");
        }
        text.Append("[All callbacks](index.md) · [All operations](../operations/index.md) · [Callbacks](../docs/notifications.md)\n");
        return text.ToString();
    }

    private static string V2Reading(CatalogWebhook hook, CatalogField? reqInfo) => reqInfo is not null
        ? "XML, authenticated by decrypting `req_info` (AES-256-ECB, the key the MD5 of `WeChatPayOptions.ApiV2Key`): `notification.EventType` is `v2.refund`, " +
          "`notification.Resource` the refund's decrypted fields; claimed so that your handler runs once ([APIv2 callbacks](../docs/apiv2.md#callbacks))."
        : "XML, verified by its `sign` with `WeChatPayOptions.ApiV2Key`: `notification.EventType` is `v2.pay`, `notification.Resource` its fields" +
          (hook.AesGcm.Count > 0 ? " (the client does not decrypt `" + hook.AesGcm[0].Substring("body.".Length) + "`)" : string.Empty) +
          "; claimed so that your handler runs once ([APIv2 callbacks](../docs/apiv2.md#callbacks)).";

    private static void Sample(StringBuilder text, CatalogWebhook hook, bool v2, bool refund, CatalogField? decrypted)
    {
        var eventType = v2 ? (refund ? "v2.refund" : "v2.pay") : hook.EventTypes.FirstOrDefault() ?? hook.Name.Substring(3);
        var fields = (v2 && !refund ? hook.BodyFields : decrypted?.Children ?? Array.Empty<CatalogField>()).Select(f => f.Name).ToList();
        var read = Identifiers.FirstOrDefault(fields.Contains) ?? fields.FirstOrDefault();
        text.Append("```csharp\n");
        text.Append("// Your notify_url endpoint: header looks up a request header by name, rawBody is the body's exact bytes.\n");
        text.Append("async Task<WeChatPayNotificationReceipt> OnNotifyAsync(Func<string, string?> header, byte[] rawBody, CancellationToken cancellationToken) =>\n");
        text.Append("    await wxpay.ReceiveNotificationAsync(header, rawBody, async (notification, ct) =>\n    {\n");
        text.Append("        if (notification.EventType == ").Append(SampleValues.Literal(eventType)).Append(")\n        {\n");
        if (read is not null)
            text.Append("            string? value = (string?)notification.ResourceJson?[").Append(SampleValues.Literal(read)).Append("];")
                .Append(v2 && !refund ? string.Empty : "   // decrypted for you").Append('\n');
        text.Append("            // act on it here, once; throw to have WeChat Pay send it again\n        }\n");
        text.Append("        await Task.CompletedTask;\n    }, cancellationToken);\n");
        text.Append("// Answer receipt.StatusCode, with receipt.AnswerBody (as receipt.AnswerContentType) when it has one.\n");
        text.Append("```\n\n");
    }

    private static void BodyTable(StringBuilder text, CatalogWebhook hook, CatalogField? decryptedField, bool decrypts)
    {
        text.Append("| field | type | required | values | |\n| --- | --- | --- | --- | --- |\n");
        string? inner = null;
        var merchant = new HashSet<string>(hook.Decrypt.Select(d => d.Text), StringComparer.Ordinal);
        foreach (var (path, field) in PageWriter.Flatten(hook.BodyFields, string.Empty))
        {
            string mark;
            if (decrypts && ReferenceEquals(field, decryptedField))
            {
                mark = "🔓 decrypted for you, into `notification.Resource`: the rows below";
                inner = path + ".";
            }
            else if (inner is not null && path.StartsWith(inner, StringComparison.Ordinal))
            {
                mark = merchant.Contains(path.Substring(inner.Length)) ? "🔓 decrypted for you (merchant key), in `Resource`" : "in `Resource`";
            }
            else
            {
                mark = string.Empty;
            }
            text.Append("| `").Append(PageWriter.Cell(path)).Append("` | ").Append(field.Type).Append(" | ").Append(field.Required ? "yes" : string.Empty).Append(" | ")
                .Append(string.Join(", ", field.Enum.Select(v => "`" + PageWriter.Cell(v) + "`"))).Append(" | ").Append(mark).Append(" |\n");
        }
        text.Append('\n');
    }

    // The field at a dotted path under the body ("body.resource.ciphertext").
    private static CatalogField? Field(IReadOnlyList<CatalogField> body, string? path)
    {
        if (path is null) return null;
        CatalogField? field = null;
        var level = body;
        foreach (var step in path.Split('.').Skip(1))
        {
            field = level.FirstOrDefault(f => f.Name == step);
            if (field is null) return null;
            level = field.Children;
        }
        return field;
    }

    /// <summary>callbacks/index.md: every callback by protocol, with its title and event types.</summary>
    public static string Index(PageContext context)
    {
        var text = new StringBuilder(64 * 1024);
        text.Append("# Callbacks\n\nEvery callback notification of the catalog, ").Append(context.Catalog.Webhooks.Count)
            .Append(" in all: its fields, what the client decrypts for you, the answer, and how to receive it ([callbacks](../docs/notifications.md)). ")
            .Append("[All operations](../operations/index.md)\n");
        foreach (var protocol in context.Catalog.Webhooks.GroupBy(h => h.Name.Substring(0, 2)).OrderByDescending(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("\n## ").Append(protocol.Key == "v3" ? "APIv3" : "APIv2").Append("\n\n| callback | title | event types |\n| --- | --- | --- |\n");
            foreach (var hook in protocol)
                text.Append("| [`").Append(hook.Name).Append("`](").Append(PageContext.Slug(hook)).Append(".md) | ").Append(PageWriter.Cell(PageContext.OneLine(hook.Title)))
                    .Append(" | ").Append(string.Join(", ", hook.EventTypes.Select(e => "`" + e + "`"))).Append(" |\n");
        }
        return text.ToString();
    }

    /// <summary>callbacks/toc.yml: by protocol, APIv3's by the event type's first word (<c>TRANSACTION</c>, <c>REFUND</c>, …).</summary>
    public static string Toc(PageContext context)
    {
        var text = new StringBuilder(16 * 1024);
        text.Append("- name: All callbacks\n  href: index.md\n");
        foreach (var protocol in context.Catalog.Webhooks.GroupBy(h => h.Name.Substring(0, 2)).OrderByDescending(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("- name: ").Append(protocol.Key == "v3" ? "APIv3" : "APIv2").Append("\n  items:\n");
            if (protocol.Key == "v2")
            {
                foreach (var hook in protocol) Item(text, "  ", hook);
                continue;
            }
            foreach (var group in protocol.GroupBy(h => h.Name.Substring(3).Split('.')[0]))
            {
                text.Append("  - name: ").Append(PageWriter.Yaml(group.Key)).Append("\n    items:\n");
                foreach (var hook in group) Item(text, "    ", hook);
            }
        }
        return text.ToString();
    }

    private static void Item(StringBuilder text, string indent, CatalogWebhook hook) =>
        text.Append(indent).Append("- name: ").Append(PageWriter.Yaml(PageContext.OneLine(hook.Title))).Append('\n')
            .Append(indent).Append("  href: ").Append(PageContext.Slug(hook)).Append(".md\n");
}
