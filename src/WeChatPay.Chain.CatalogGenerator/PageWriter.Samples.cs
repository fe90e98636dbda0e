using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WeChatPay.Chain.ApiV2;
using WeChatPay.Chain.Catalog;
using WeChatPay.Chain.Files;

namespace WeChatPay.Chain.CatalogGenerator;

// The "C#" section of an operation page: one block with the call in each style of the SDK (the typed chain, Chain("…"), the
// indexer, dynamic, the shorthand, sync) sharing one body, and a block with the typed model where one exists (PageWriter.Models.cs).
// Path values go where docs/chain.md puts them: a GET's query object fills the placeholders, any other verb takes them from
// WeChatPayRequestOptions.PathValues. Downloads stream (DownloadAsync), uploads take the file (UploadAsync).
internal static partial class PageWriter
{
    private static void Samples(StringBuilder text, CatalogOperation operation)
    {
        if (V2Pages.IsPage(operation.Path))
        {
            text.Append("No C# call: this is a page for the user's browser (see above).\n\n");
            return;
        }
        var members = ChainWriter.Members(operation.Path);
        var typed = members is null ? null : "wxpay." + string.Join(".", members);
        var dynamicChain = members is null ? null : "root." + string.Join(".", members);
        var declared = "wxpay.Chain(" + SampleValues.Literal(operation.Path) + ")";
        var indexer = "wxpay[" + SampleValues.Literal(operation.Path) + "]";
        var first = typed ?? declared;
        var setup = new List<string>();
        var calls = new List<string>();
        if (operation.Download)
        {
            var args = Arguments(operation, setup, "stream");
            setup.Add("using var stream = new System.IO.MemoryStream();");
            var rest = args.Substring("stream".Length);
            calls.Add($"WeChatPayDownload download = await {first}.DownloadAsync({args});   // streamed into any Stream as it arrives");
            calls.Add($"await {(typed is null ? indexer : declared)}.DownloadToFileAsync(\"download.bin\"{rest});   // into a file that appears only once complete");
            if (typed is not null) calls.Add($"await {indexer}.DownloadAsync({args});   // the indexer");
            if (dynamicChain is not null) calls.AddRange(new[] { "dynamic root = wxpay;", $"await {dynamicChain}.DownloadAsync({args});   // dynamic" });
            calls.Add($"{declared}.DownloadToFile(\"download.bin\"{rest});   // sync, for scripts");
            calls.Add("Console.WriteLine($\"{download.Length} bytes\");");
        }
        else if (operation.RequestBody == "multipart")
        {
            setup.Add("var file = WeChatPayFile.FromPath(" + SampleValues.Literal(UploadFileName(operation)) + ");");
            var args = Arguments(operation, setup, "file");
            calls.Add($"var response = await {first}.UploadAsync({args});   // {(typed is null ? "Chain(\"…\")" : "the typed chain")}");
            if (typed is not null) calls.Add($"var declared = await {declared}.UploadAsync({args});   // Chain(\"…\")");
            calls.Add($"var indexed = await {indexer}.UploadAsync({args});   // the indexer");
            if (dynamicChain is not null) calls.AddRange(new[] { "dynamic root = wxpay;", $"var viaDynamic = await {dynamicChain}.UploadAsync({args});   // dynamic" });
            calls.Add(ReadAnswer(operation, "response"));
        }
        else
        {
            var args = Arguments(operation, setup, null);
            var verb = Verb(operation.Method);
            calls.Add($"var response = await {first}.{verb}Async({args});   // {(typed is null ? "Chain(\"…\"): no member spells this path" : "the typed chain")}");
            if (typed is not null) calls.Add($"var declared = await {declared}.{verb}Async({args});   // Chain(\"…\")");
            calls.Add($"var indexed = await {indexer}.{verb}Async({args});   // the indexer");
            if (dynamicChain is not null) calls.AddRange(new[] { "dynamic root = wxpay;", $"var viaDynamic = await {dynamicChain}.{verb}Async({args});   // dynamic" });
            if (typed is not null && operation.Method == "POST")
                calls.Add($"var shorthand = await {typed}({args});   // the shorthand: invoking the last segment is a POST");
            calls.Add($"WeChatPayResponse sync = {first}.{verb}({args});   // sync, for scripts");
            calls.Add(ReadAnswer(operation, "response"));
        }

        text.Append("```csharp\n");
        foreach (var line in setup) text.Append(line).Append('\n');
        if (setup.Count > 0) text.Append('\n');
        foreach (var line in calls) text.Append(line).Append('\n');
        text.Append("```\n\n");
        if (ModelWriter.HasRequestType(operation)) TypedModel(text, operation, first, Verb(operation.Method) + "Async");
    }

    // Declares the body (or query, or meta) and the options the call needs, and returns the call's arguments after `first`.
    private static string Arguments(CatalogOperation operation, List<string> setup, string? first)
    {
        var v2 = CallerFields.IsV2(operation);
        var get = operation.Method == "GET";
        var pathFields = operation.PathParams.Distinct().Select(p => operation.RequestOption(p) ?? operation.QueryFields.FirstOrDefault(f => f.Name == p)
            ?? new CatalogField(p, "string", true, null, Array.Empty<string>(), Array.Empty<CatalogField>())).ToList();
        var query = SampleValues.Given(operation.QueryFields.Where(f => !operation.PathParams.Contains(f.Name)).ToList(), v2).ToList();
        string? payload = null;
        var options = new List<string>();
        if (operation.RequestBody == "multipart")
        {
            var plan = UploadPlan.For(operation, operation.ToString());
            var filled = new[] { plan.FilePart, plan.FileNameField, plan.DigestField, plan.AlgorithmField };
            var meta = v2 ? operation.BodyFields : operation.BodyFields.FirstOrDefault(f => f.Name == "meta")?.Children ?? Array.Empty<CatalogField>();
            var given = SampleValues.Given(meta, v2).Where(f => !filled.Contains(f.Name)).ToList();
            if (given.Count > 0) payload = Declare(setup, "meta", SampleValues.Object(given, v2, string.Empty));
            if (pathFields.Count > 0) options.Add("PathValues = " + SampleValues.Object(pathFields, v2, "    "));
        }
        else if (get || operation.Download && v2)
        {
            var fields = v2 && operation.RequestBody == "xml" ? SampleValues.Given(operation.BodyFields, true).ToList() : query.Concat(pathFields).ToList();
            if (fields.Count > 0) payload = Declare(setup, "query", SampleValues.Object(fields, v2, string.Empty));
        }
        else
        {
            if (operation.RequestBody is "json" or "xml")
                payload = Declare(setup, "body", SampleValues.Object(SampleValues.Given(operation.BodyFields, v2), v2, string.Empty));
            if (pathFields.Count > 0) options.Add("PathValues = " + SampleValues.Object(pathFields, v2, "    "));
            if (query.Count > 0) options.Add("Query = " + SampleValues.Object(query, v2, "    "));
        }
        var headers = operation.HeaderFields.Where(h => h.Required && h.Name != "Wechatpay-Serial").Select(h => h.Name.Replace('-', '_') + " = " + SampleValues.Literal("example")).ToList();
        if (headers.Count > 0) options.Add("Headers = new { " + string.Join(", ", headers) + " }");
        string? optionsName = null;
        if (options.Count > 0)
        {
            var line = "new WeChatPayRequestOptions { " + string.Join(", ", options) + " }";
            optionsName = Declare(setup, "options", line.Length <= 100 && line.IndexOf('\n') < 0 ? line
                : "new WeChatPayRequestOptions\n{\n" + string.Concat(options.Select(o => "    " + o + ",\n")) + "}");
        }
        var args = new List<string>();
        if (first is not null) args.Add(first);
        if (payload is not null || optionsName is not null) args.Add(payload ?? "null");
        if (optionsName is not null) args.Add(optionsName);
        return string.Join(", ", args);
    }

    private static string Declare(List<string> setup, string name, string value)
    {
        setup.Add("var " + name + " = " + value + ";");
        return name;
    }

    // Reads one field of the answer through Data (a field decrypted for you first), or the status when it documents none.
    private static string ReadAnswer(CatalogOperation operation, string response)
    {
        var field = operation.Response.FirstOrDefault(f => f.Encrypted == CatalogEncryption.RsaMerchant) ?? operation.Response.FirstOrDefault();
        if (field is null) return $"Console.WriteLine({response}.StatusCode);";
        var comment = field.Encrypted == CatalogEncryption.RsaMerchant ? "   // decrypted for you" : string.Empty;
        return SampleValues.IsIdentifier(field.Name)
            ? $"Console.WriteLine({response}.Data.{field.Name});{comment}"
            : $"Console.WriteLine({response}.Json[{SampleValues.Literal(field.Name)}]);{comment}";
    }

    private static string Verb(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant();

    private static string UploadFileName(CatalogOperation operation) =>
        operation.Path.Contains("video", StringComparison.Ordinal) ? "video.mp4"
        : operation.Path.Contains("fapiao", StringComparison.Ordinal) || operation.Path.Contains("invoice", StringComparison.Ordinal) ? "fapiao.pdf"
        : "image.jpg";
}

