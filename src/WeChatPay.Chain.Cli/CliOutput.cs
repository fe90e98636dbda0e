using System.Collections.Generic;
using System.Net;
using Spectre.Console;
using Spectre.Console.Json;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// What a person reads: colour, tables, JSON highlighted. Written through an <see cref="IAnsiConsole"/>, which leaves out
/// colour where <c>NO_COLOR</c> is set or the terminal has none; a script reading redirected output gets the plain form
/// from the commands instead (the body as sent, one JSON object a line), never this.
/// </summary>
internal static class CliOutput
{
    /// <summary>An answer: its status (green for 2xx), <c>Request-ID</c>, the fields decrypted into it, the JSON body highlighted.</summary>
    public static void Answer(IAnsiConsole console, WeChatPayResponse answer)
    {
        var ok = answer.StatusCode is >= 200 and < 300;
        var reason = System.Enum.IsDefined(typeof(HttpStatusCode), answer.StatusCode) ? " " + (HttpStatusCode)answer.StatusCode : string.Empty;
        var line = $"[{(ok ? "green" : "yellow")}]{answer.StatusCode}{Markup.Escape(reason)}[/]";
        if (answer.RequestId is { } id) line += $"  [grey]Request-ID[/] {Markup.Escape(id)}";
        console.MarkupLine(line);
        if (answer.DecryptedFields.Count > 0)
            console.MarkupLine($"[grey]decrypted into Data:[/] {Markup.Escape(string.Join(", ", answer.DecryptedFields))}");
        var body = Printable(answer);
        if (body.Length == 0) return;
        console.Write(IsJson(body) ? new JsonText(body) : new Text(body));
        console.WriteLine();
    }

    /// <summary>The body as printed: as it came, except an APIv2 answer (XML), printed as the JSON of its fields as v3 answers are.</summary>
    public static string Printable(WeChatPayResponse answer) =>
        answer.Json is Newtonsoft.Json.Linq.JObject fields && !IsJson(answer.Body) ? fields.ToString(Newtonsoft.Json.Formatting.None) : answer.Body;

    private static bool IsJson(string text)
    {
        try
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new System.IO.StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            while (reader.Read())
            {
            }
            return text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('[');
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return false;
        }
    }

    /// <summary>The operations as a table, with their count.</summary>
    public static void Operations(IAnsiConsole console, IReadOnlyList<WeChatPayOperation> found)
    {
        var table = new Table().AddColumn("Method").AddColumn("Path").AddColumn("Title");
        foreach (var op in found) table.AddRow(Markup.Escape(op.Method), Markup.Escape(op.Path), Markup.Escape(op.Title));
        console.Write(table);
        console.MarkupLine($"{found.Count} operation(s)");
    }

    /// <summary>The certificates saved: serial, validity and file, as a table.</summary>
    public static void Certificates(IAnsiConsole console, IReadOnlyList<(WeChatPayPlatformCertificate Certificate, string File)> saved)
    {
        var table = new Table().AddColumn("Serial").AddColumn("Valid until (UTC)").AddColumn("Saved as");
        foreach (var (certificate, file) in saved)
            table.AddRow(Markup.Escape(certificate.SerialNumber), certificate.ExpireTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(file));
        console.Write(table);
    }
}
