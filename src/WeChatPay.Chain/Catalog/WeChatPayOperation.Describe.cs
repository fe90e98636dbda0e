using System;
using System.Collections.Generic;
using System.Text;

namespace WeChatPay.Chain;

/// <content>The readable multi-line description of an operation.</content>
public sealed partial class WeChatPayOperation
{
    private const string Indent = "  ";

    /// <summary>
    /// The operation as readable text: title, method and path, then the request body fields as an indented tree (type,
    /// <c>required</c>, <c>encrypted</c>, enum values), the query parameters and the response fields.
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder(512);
        text.Append(Title).Append('\n');
        text.Append(Method).Append(' ').Append(Path).Append('\n');
        if (IsDownload) text.Append("The answer is a file download (WeChat Pay does not sign it).\n");
        AppendSection(text, "Request body:", RequestFields);
        AppendSection(text, "Query:", QueryFields);
        AppendSection(text, "Response:", ResponseFields);
        return text.ToString();
    }

    private static void AppendSection(StringBuilder text, string heading, IReadOnlyList<WeChatPayField> fields)
    {
        if (fields.Count == 0) return;
        var rows = new List<Row>();
        Collect(fields, 1, rows);

        int nameWidth = 0, typeWidth = 0, markWidth = 0;
        foreach (var row in rows)
        {
            nameWidth = Math.Max(nameWidth, row.Name.Length);
            typeWidth = Math.Max(typeWidth, row.Type.Length);
            markWidth = Math.Max(markWidth, row.Marks.Length);
        }

        text.Append('\n').Append(heading).Append('\n');
        foreach (var row in rows)
        {
            var line = new StringBuilder(128);
            line.Append(row.Name.PadRight(nameWidth)).Append(Indent).Append(row.Type.PadRight(typeWidth));
            if (markWidth > 0) line.Append(Indent).Append(row.Marks.PadRight(markWidth));
            if (row.Enum.Length > 0) line.Append(Indent).Append("one of ").Append(row.Enum);
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    private static void Collect(IReadOnlyList<WeChatPayField> fields, int depth, List<Row> rows)
    {
        foreach (var field in fields)
        {
            var marks = field.Required && field.IsEncrypted ? "required encrypted"
                : field.Required ? "required"
                : field.IsEncrypted ? "encrypted"
                : string.Empty;
            var indent = new StringBuilder(depth * Indent.Length);
            for (var i = 0; i < depth; i++) indent.Append(Indent);
            rows.Add(new Row(indent + field.Name, field.Type, marks, string.Join(" | ", field.Enum)));
            Collect(field.Children, depth + 1, rows);
        }
    }

    private readonly struct Row
    {
        public Row(string name, string type, string marks, string @enum)
        {
            Name = name;
            Type = type;
            Marks = marks;
            Enum = @enum;
        }

        public string Name { get; }

        public string Type { get; }

        public string Marks { get; }

        public string Enum { get; }
    }
}
