using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;

namespace WeChatPay.Chain;

/// <summary>
/// With validation on (<see cref="WeChatPayOptions.Validate"/>, <see cref="WeChatPayRequestOptions.Validate"/>), the request does not match
/// the documented fields: every problem is listed together, each naming its field path. Nothing was sent.
/// </summary>
public sealed class WeChatPayValidationException : ArgumentException
{
    /// <summary>Creates the exception for one request.</summary>
    /// <param name="operation">The documented operation, as <c>POST v3/papay/sign/contracts/pre-entrust-sign</c>.</param>
    /// <param name="problems">Every problem found, each naming its field path (<c>device_info.device_type: required but missing</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> or <paramref name="problems"/> is null.</exception>
    public WeChatPayValidationException(string operation, IEnumerable<string> problems)
        : this(operation ?? throw new ArgumentNullException(nameof(operation)),
              new List<string>(problems ?? throw new ArgumentNullException(nameof(problems))).AsReadOnly())
    {
    }

    private WeChatPayValidationException(string operation, ReadOnlyCollection<string> problems)
        : base(Compose(operation, problems))
    {
        Operation = operation;
        Problems = problems;
    }

    /// <summary>The documented operation, as <c>POST v3/papay/sign/contracts/pre-entrust-sign</c>.</summary>
    public string Operation { get; }

    /// <summary>Every problem found, each starting with its field path: <c>identity.real_name</c>, <c>receivers[0].name</c>, <c>query.mchid</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Compose(string operation, IReadOnlyList<string> problems)
    {
        var text = new StringBuilder(128 + problems.Count * 64);
        text.Append("The request to ").Append(operation).Append(" does not match the documented fields (")
            .Append(problems.Count).Append(problems.Count == 1 ? " problem" : " problems").Append("); nothing was sent:");
        foreach (var problem in problems) text.Append("\n  - ").Append(problem);
        text.Append("\nFix the request, or turn validation off for this call with WeChatPayRequestOptions.Validate = false if the documentation is behind the API.");
        return text.ToString();
    }
}
