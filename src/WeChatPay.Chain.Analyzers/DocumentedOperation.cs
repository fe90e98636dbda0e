using System.Collections.Generic;

namespace WeChatPay.Chain.Analyzers;

/// <summary>One documented operation: what an anonymous object passed to its verb may hold (a GET's query, another method's body).</summary>
internal sealed class DocumentedOperation
{
    public DocumentedOperation(string method, string path)
    {
        Method = method;
        Path = path;
    }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The top-level fields: a GET's query parameters, any other method's JSON or XML body fields.</summary>
    public List<DocumentedField> Fields { get; } = new List<DocumentedField>();

    /// <summary>The <c>{x}</c> placeholders of the path, without braces.</summary>
    public List<string> Placeholders { get; } = new List<string>();

    /// <summary>The operation as the diagnostics name it (<c>POST v3/pay/transactions/jsapi</c>).</summary>
    public override string ToString() => Method + " " + Path;
}
